package dev.aiosim.cli.command;

import dev.aiosim.cli.run.LiveRunner;
import dev.aiosim.cli.run.Stop;
import dev.aiosim.cli.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim live SPEC}: runs a spec in live time. Agents are virtual threads making blocking
 * syscalls, engines are emulated workers taking the cost model's step time on the wall clock
 * divided by {@code --dilation}, and the kernel, policies and metrics are those of {@code run}.
 * The pipeline is {@code run}'s with a {@link LiveRunner}; this command adds its flag and Ctrl-C:
 * SIGINT or SIGTERM stops the run in progress and waits until the partial results are written.
 */
@Command(name = "live", mixinStandardHelpOptions = true, resourceBundle = "dev.aiosim.cli.command.LiveHelp",
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

    /** Asked by the shutdown hook; stops the run in progress and any further run. */
    final Stop stop = new Stop();
    private final CountDownLatch written = new CountDownLatch(1);

    @Override
    public Integer call() {
        if (!(dilation > 0) || Double.isInfinite(dilation)) {
            throw new ParameterException(spec.commandLine(), "--dilation: expected a finite number > 0, got '" + dilation + "'");
        }
        Thread hook = new Thread(this::onSignal, "aiosim-live-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new Invocation(spec, options).runner(new LiveRunner(dilation)).stop(stop)
                    .execute(SpecLoader.Source.file(file), options.overrides());
        } finally {
            written.countDown(); // the hook, if it runs, waits for this
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (the hook is what stopped us)
            }
        }
    }

    /** Ctrl-C or SIGTERM: stop the run in progress, then wait (bounded) until the results are written. */
    void onSignal() {
        stop.request();
        try {
            written.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
