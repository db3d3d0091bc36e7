package dev.aiosim.cli.run;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.inference.live.DjlEngineFactory;
import dev.aiosim.inference.live.DjlEngines;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.live.LiveOptions;
import dev.aiosim.kernel.live.LiveRun;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs in live time: agents as virtual threads, emulated engines taking the cost model's step
 * time on the wall clock divided by the dilation. Records the workload as it happened, and stops
 * the run in progress (keeping what was measured) when a stop is requested.
 *
 * With real engines ({@code --engine djl}) each step takes the time the engine takes.
 *
 * @param dilation model seconds per wall second, finite and > 0
 * @param engines the engines the kernel's steps run on
 */
public record LiveRunner(double dilation, LiveEngines engines) implements Runner {
    public LiveRunner {
        if (!(dilation > 0) || Double.isInfinite(dilation)) {
            throw new IllegalArgumentException("dilation: expected a finite number > 0, got " + dilation);
        }
    }

    public LiveRunner(double dilation) {
        this(dilation, LiveEngines.EMULATED);
    }

    /**
     * Real engines carry out whole-prompt steps: a DJL engine prefills a newly admitted prompt in
     * the step that admits it, so only the {@code orca} packing matches what it does. Their
     * state lives in the engine, so a crash the kernel injects would not void it: faults need
     * emulated engines.
     */
    @Override
    public void check(ResolvedSpec spec) {
        String packing = spec.cluster().packing().name();
        if (!engines.emulated() && !packing.equals("orca")) {
            throw new SpecException("cluster.packing: --engine " + engines.name() + " runs whole-prompt steps (orca);"
                    + " chunked or prefill-first packings are simulated and emulated only, got '" + packing + "'");
        }
        if (!engines.emulated() && spec.faultPlan() != null) {
            throw new SpecException(spec.source() + ": faults: --engine " + engines.name() + " runs real engines, which"
                    + " do not crash on cue; inject faults with the emulated engines (the default) or aiosim run");
        }
    }

    @Override
    public RunOutcome run(RunRequest r) {
        List<TraceAgent> trace = new ArrayList<>();
        DjlEngineFactory djl = engines.factory() instanceof DjlEngineFactory f ? f : null;
        DjlEngines before = djl == null ? null : djl.last();
        LiveOptions options = LiveOptions.of(dilation).withHorizon(r.spec().horizonNanos()).withListener((p, arrival, calls) ->
                trace.add(new TraceAgent(p.pid(), p.name(), arrival, p.priority(), p.weight(), p.group(), calls)))
                .withEngines(engines.factory());
        if (r.spec().faultPlan() != null) {
            options = options.withFaults(r.spec().faultPlan(), r.seed()); // crash times in model time, as in run
        }
        engines.warmUp(); // before the kernel's clock starts
        LiveKernel k = new LiveKernel(r.spec().kernelConfig(), r.policy().factory(), r.sink(),
                r.spec().kernelSlo(), options);
        RunMetrics m;
        try (Stop.Scope running = r.stop().during(k::stop)) {
            try (AgentSource source = r.openWorkload()) {
                LiveRun.play(k, source);
            }
            m = await(k);
        }
        trace.sort(Comparator.comparingLong(TraceAgent::arrivalNanos).thenComparingLong(TraceAgent::pid));
        String source = r.spec().name() + " live, policy " + r.policy().label() + ", seed " + r.seed()
                + ", dilation " + text(dilation);
        DjlEngines made = djl == null || djl.last() == before ? null : djl.last(); // this run's, closed by the kernel
        return new RunOutcome(m, k.partial(), new RunOutcome.Recorded(source, trace), made);
    }

    private static RunMetrics await(LiveKernel k) {
        try {
            return k.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            k.stop();
            throw new IllegalStateException("interrupted while the live run was going on", e);
        }
    }

    @Override
    public String headline(ResolvedSpec spec, int runs) {
        return String.format(Locale.ROOT, "%s live: %d run%s at dilation %s (model time / wall time); Ctrl-C stops and keeps what was measured",
                spec.name(), runs, runs == 1 ? "" : "s", text(dilation));
    }

    @Override
    public String folderName(ResolvedSpec spec) {
        return spec.name() + "-live";
    }

    @Override
    public String specComment(Path specFile) {
        return "Resolved experiment spec written by aiosim " + BuildInfo.version() + " for a live run at dilation "
                + text(dilation) + ".\nRun it again with: ./aiosim live --dilation " + text(dilation) + " " + specFile;
    }

    @Override
    public void describe(RunInfo info, boolean partial) {
        info.live(dilation, partial);
        if (!engines.emulated()) {
            info.engine(engines.name(), engines.model());
            info.section("engine_warm_up").put("grid", engines.warmUpName());
        }
    }

    /** The dilation as typed: {@code 100}, not {@code 100.0}. */
    static String text(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
