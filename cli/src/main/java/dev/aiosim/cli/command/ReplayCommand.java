package dev.aiosim.cli.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.cli.Main;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.cli.spec.SpecOverride;
import dev.aiosim.cli.spec.Yaml;
import dev.aiosim.workloads.ReplaySpec;
import dev.aiosim.workloads.WorkloadSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim replay TRACE}: replays a trace file on the bundled default cluster (or a spec's)
 * with fifo (or the given policies).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays a trace file. Cluster and policies come from the bundled replay spec"
            + " (1 x H100-SXM, Llama-3.1-8B, max-batch 64, swap; policy fifo) unless --spec, --policy or --set say otherwise."})
public final class ReplayCommand implements Callable<Integer> {
    /** The bundled base spec, beside {@link Main}. */
    public static final String RESOURCE = "replay.yaml";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace file; its format is detected from the header.")
    Path trace;

    @Mixin
    TraceOptions traceOptions = new TraceOptions();

    @Option(names = "--window", paramLabel = "FROM..TO", description = "Replay only the agents arriving in this part of the trace (its own time, e.g. 10m..20m, 5m.., ..30s); arrivals are shifted to start at 0.")
    String window;

    @Option(names = "--sample", paramLabel = "P", description = "Keep each agent with probability P in (0, 1], drawn from the seed.")
    Double sample;

    @Option(names = "--limit", paramLabel = "N", description = "Replay at most N agents (after --window and --sample).")
    Long limit;

    @Option(names = "--speedup", paramLabel = "X", description = "Compress arrival times by this factor (tool waits and service are not scaled).")
    Double speedup;

    @Option(names = "--rate", paramLabel = "R", description = "Rescale arrival times so the replayed agents arrive at R per second on average (not with --speedup).")
    Double rate;

    @Option(names = "--spec", paramLabel = "SPEC", description = "Take cluster, policies, seeds and SLOs from this spec; its workload is replaced by the trace.")
    Path base;

    @Mixin
    CommonOptions options = new CommonOptions();

    @Mixin
    JobsOption jobs = new JobsOption();

    @Override
    public Integer call() {
        boolean selects = window != null || sample != null || limit != null || speedup != null || rate != null;
        // the workload section as a spec would write it (absent options stay absent)
        ObjectNode workload = Yaml.MAPPER.valueToTree(new WorkloadSpec(null, null, null, null,
                trace.toAbsolutePath().normalize().toString(), traceOptions.format, traceOptions.onBadRow,
                selects ? new ReplaySpec(window, sample, limit, speedup, rate) : null));
        List<SpecOverride> overrides = new ArrayList<>();
        overrides.add(SpecOverride.of("TRACE " + trace, "workload", workload));
        overrides.addAll(options.overrides());
        SpecLoader.Source source = base != null ? SpecLoader.Source.file(base) : SpecLoader.Source.resource(Main.class, RESOURCE);
        if (base == null) {
            String stem = trace.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._+-]", "_");
            overrides.add(0, SpecOverride.of("TRACE " + trace, "name", JsonNodeFactory.instance.textNode("replay-" + stem)));
        }
        return new Invocation(spec, options).jobs(jobs.jobs()).adjust(this::onceUnlessSampled).execute(source, overrides);
    }

    /**
     * A trace gives the same agents whatever the seed unless {@code --sample} draws from it, so
     * repetitions would be identical copies: each policy runs once, with the first seed, and
     * stderr says so.
     */
    private ResolvedSpec onceUnlessSampled(ResolvedSpec s) {
        ReplaySpec replay = s.workload().replay();
        if (s.seeds().size() == 1 || !s.workload().replaysTrace() || replay != null && replay.sample() != null) {
            return s;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("aiosim: a trace replays the same agents for every seed unless --sample is given: running seed "
                + s.seeds().get(0) + " once instead of " + s.seeds().size() + " identical repetitions");
        err.flush();
        return s.withSeeds(List.of(s.seeds().get(0)));
    }
}
