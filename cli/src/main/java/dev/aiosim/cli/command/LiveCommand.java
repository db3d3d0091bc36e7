package dev.aiosim.cli.command;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.report.RunTable;
import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.RunResult;
import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.live.LiveOptions;
import dev.aiosim.kernel.live.LiveRun;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.workloads.trace.aiosim.AiosimTraceWriter;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim live SPEC}: runs a spec in live time. Agents are virtual threads making blocking
 * syscalls, engines are emulated workers taking the cost model's step time on the wall clock
 * divided by {@code --dilation}, and the kernel, policies and metrics are those of {@code run}.
 * Writes the same results folder as {@code run}, with the workload as it happened in
 * {@code trace.jsonl} (aiosim JSONL). Ctrl-C stops cleanly and writes the partial results.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Runs an experiment spec live: agents as virtual threads, emulated engines on the wall clock"
            + " (model time / --dilation), the same kernel and policies as run. Writes the results folder of run"
            + " plus trace.jsonl (the workload as it happened). Ctrl-C stops and writes the partial results."})
public final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment spec (YAML).")
    Path file;

    @Option(names = "--dilation", paramLabel = "X", defaultValue = "1",
            description = "Time dilation: model seconds per wall second (100 runs 100x faster than model time). Default: ${DEFAULT-VALUE}.")
    double dilation;

    @Mixin
    CommonOptions options = new CommonOptions();

    /** The run in progress and whether a stop was asked for; shared with the shutdown hook. */
    private volatile LiveKernel current;
    private volatile boolean stopping;
    private final CountDownLatch written = new CountDownLatch(1);

    @Override
    public Integer call() {
        if (!(dilation > 0) || Double.isInfinite(dilation)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--dilation: expected a finite number > 0, got '" + dilation + "'");
        }
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        ResolvedSpec rs = new SpecLoader(SchedulerRegistry.load()).load(SpecLoader.Source.file(file), options.overrides());
        Path out = options.out != null ? options.out : Invocation.defaultOut(rs.name() + "-live");
        PrintWriter console = spec.commandLine().getOut();
        Experiment experiment = new Experiment(rs);
        experiment.preflight();
        int runs = experiment.runs();
        if (!options.quiet) {
            console.printf(Locale.ROOT, "%s live: %d run%s at dilation %s (model time / wall time); Ctrl-C stops and keeps what was measured%n",
                    rs.name(), runs, runs == 1 ? "" : "s", fmt(dilation));
            console.flush();
        }
        List<String> argv = new ArrayList<>();
        argv.add("aiosim");
        argv.addAll(spec.root().commandLine().getParseResult().originalArgs());
        RunInfo info = new RunInfo(BuildInfo.version(), BuildInfo.commit(), BuildInfo.dirty(), argv, started);
        Thread hook = new Thread(this::onSignal, "aiosim-live-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runAll(rs, out, experiment, info, console, t0);
        } finally {
            written.countDown(); // the hook, if it runs, waits for this
            if (!stopping) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down
                }
            }
        }
    }

    private int runAll(ResolvedSpec rs, Path out, Experiment experiment, RunInfo info, PrintWriter console, long t0) {
        int runs = experiment.runs();
        List<RunResult> results = new ArrayList<>();
        boolean partial = false;
        try (ResultsFolder folder = ResultsFolder.create(out)) {
            folder.writeSpec(rs, "Resolved experiment spec written by aiosim " + BuildInfo.version()
                    + " for a live run at dilation " + fmt(dilation) + ".\nRun it again with: ./aiosim live --dilation "
                    + fmt(dilation) + " " + out.resolve("spec.yaml"));
            KernelConfig config = rs.cluster().kernelConfig();
            for (PolicyEntry policy : rs.policies()) {
                for (long seed : rs.seeds()) {
                    if (stopping) {
                        break;
                    }
                    List<TraceAgent> trace = new ArrayList<>();
                    LiveOptions lo = LiveOptions.of(dilation).withHorizon(rs.horizonNanos()).withListener((p, arrival, calls) ->
                            trace.add(new TraceAgent(p.pid(), p.name(), arrival, p.priority(), p.weight(), p.group(), calls)));
                    LiveKernel k = new LiveKernel(config, policy.factory(), folder.sink(policy, seed), rs.kernelSlo(), lo);
                    current = k;
                    if (stopping) {
                        k.stop();
                    }
                    try (AgentSource source = experiment.open(seed)) {
                        LiveRun.play(k, source);
                    }
                    RunMetrics m = await(k);
                    partial |= k.partial();
                    folder.record(policy, seed, m);
                    info.run(policy.label(), seed, m);
                    results.add(new RunResult(policy, seed, m));
                    writeTrace(out.resolve(runs == 1 ? "trace.jsonl" : "trace-" + policy.label().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + seed + ".jsonl"),
                            trace, rs.name() + " live, policy " + policy.label() + ", seed " + seed + ", dilation " + fmt(dilation));
                }
            }
        }
        info.live(dilation, partial);
        info.write(out.resolve("run.json"), System.nanoTime() - t0);
        if (!options.quiet && !results.isEmpty()) {
            console.println();
            console.print(RunTable.render(results));
            console.println();
        }
        if (partial) {
            console.println("stopped early: PARTIAL results (calls in flight are reported unfinished; run.json says \"partial\": true)");
        }
        console.println("results: " + out);
        console.flush();
        return 0;
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

    /** Ctrl-C: stop the run in progress, then wait (bounded) until the results are written. */
    private void onSignal() {
        stopping = true;
        LiveKernel k = current;
        if (k != null) {
            k.stop();
        }
        try {
            written.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Agents in arrival order (pid for ties), as the format wants. */
    private static void writeTrace(Path file, List<TraceAgent> agents, String source) {
        agents.sort(Comparator.comparingLong(TraceAgent::arrivalNanos).thenComparingLong(TraceAgent::pid));
        try (AiosimTraceWriter w = new AiosimTraceWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), source)) {
            agents.forEach(w::write);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
