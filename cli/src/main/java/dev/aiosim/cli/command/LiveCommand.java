package dev.aiosim.cli.command;

import dev.aiosim.cli.run.LiveEngines;
import dev.aiosim.cli.run.LiveRunner;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.inference.calibrate.Calibrate;
import dev.aiosim.inference.live.DjlModels;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
 * The pipeline is {@code run}'s with a {@link LiveRunner}, Ctrl-C included; this command adds its flag:
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

    @Option(names = "--engine", paramLabel = "KIND", defaultValue = "emulated",
            description = "Engines: emulated (the cost model's step time) or djl (a real Llama-shaped model on DJL's"
                + " PyTorch engine, CPU; needs --dilation 1; docs/inference.md). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "tiny",
            description = "With --engine djl: tiny, small, or the folder of a local Llama checkpoint (config.json and"
                + " *.safetensors). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--torch-threads", paramLabel = "N", defaultValue = "1",
            description = "With --engine djl: PyTorch threads per process. Default: ${DEFAULT-VALUE}.")
    int torchThreads;

    @Option(names = "--warm-up", paramLabel = "GRID",
            description = "With --engine djl: what the engines run once, untimed, before the first run: full (the calibration"
                + " grid of aiosim calibrate, so that live and calibrated runs start from the same warmed state), quick (its"
                + " small grid) or none. Default: full.")
    String warmUp;

    @Mixin
    CommonOptions options = new CommonOptions();

    /** A model second lasts at most 1000 wall seconds... */
    static final double MIN_DILATION = 0.001;
    /** ...and at least one wall microsecond, the scale of the kernel's own overhead per step. */
    static final double MAX_DILATION = 1e6;

    /** The audit trail runs in simulated time only, so far: refused before anything runs. */
    private static ResolvedSpec simulatedOnly(ResolvedSpec s) {
        if (s.audit()) {
            throw new SpecException(s.source() + ": audit: not supported by live yet; run the spec with aiosim run, or set audit: off");
        }
        return s;
    }

    @Override
    public Integer call() {
        if (!(dilation >= MIN_DILATION && dilation <= MAX_DILATION)) {
            throw new SpecException("--dilation: expected model seconds per wall second from "
                    + MIN_DILATION + " to " + (long) MAX_DILATION + " (beyond that the wall clock cannot carry the model's time"
                    + " or a run never ends), got '" + dilation + "'");
        }
        LiveEngines engines = switch (engine) {
            case "emulated" -> {
                if (warmUp != null) {
                    throw new SpecException("--warm-up: only with --engine djl (emulated engines have nothing to warm up)");
                }
                yield LiveEngines.EMULATED;
            }
            case "djl" -> {
                if (dilation != 1) {
                    throw new SpecException("--dilation: real engines (--engine djl) take their real time, so the dilation"
                            + " must be 1, got '" + dilation + "'");
                }
                if (torchThreads < 1 || torchThreads > 1024) {
                    throw new SpecException("--torch-threads: expected 1..1024, got '" + torchThreads + "'");
                }
                try {
                    Calibrate.Grid grid = switch (warmUp == null ? "full" : warmUp) {
                        case "full" -> Calibrate.Grid.FULL;
                        case "quick" -> Calibrate.Grid.QUICK;
                        case "none" -> null;
                        default -> throw new SpecException("--warm-up: expected full, quick or none, got '" + warmUp + "'");
                    };
                    yield new LiveEngines("djl", model, DjlModels.factory(model, torchThreads), grid);
                } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                    throw new SpecException(e.getMessage());
                }
            }
            default -> throw new SpecException("--engine: expected emulated or djl, got '" + engine + "'");
        };
        return new Invocation(spec, options).runner(new LiveRunner(dilation, engines)).adjust(LiveCommand::simulatedOnly)
                .execute(SpecLoader.Source.file(file), options.overrides());
    }
}
