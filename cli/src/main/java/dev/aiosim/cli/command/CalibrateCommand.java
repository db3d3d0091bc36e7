package dev.aiosim.cli.command;

import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.inference.calibrate.Calibrate;
import dev.aiosim.inference.calibrate.CalibrationFile;
import dev.aiosim.inference.calibrate.LinearStepCost;
import dev.aiosim.inference.calibrate.StepCostFit;
import dev.aiosim.inference.calibrate.StepSample;
import dev.aiosim.inference.calibrate.StepTimings;
import dev.aiosim.inference.calibrate.SwapRate;
import dev.aiosim.inference.live.DjlEngineFactory;
import dev.aiosim.inference.live.DjlModels;
import dev.aiosim.kernel.engine.StepShape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim calibrate}: fits the step-cost model of DistServe and Vidur ({@link LinearStepCost})
 * to steps measured on a DJL engine over {@link Calibrate}'s grid, or to per-step timings measured
 * elsewhere ({@link StepTimings}), prints the fit and writes the file that
 * {@code cluster.cost-model: {kind: calibrated, path: FILE}} reads.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fits a step-cost model (fixed + per prefill token + per prefill attention pair + per decoding call"
            + " + per context token attended) to steps measured on a DJL engine (--engine djl) or to per-step timings"
            + " (--from-timings CSV), prints the fit and writes the calibration file a spec uses as"
            + " cluster.cost-model: {kind: calibrated, path: FILE} (docs/inference.md)."})
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--engine", paramLabel = "KIND", description = "Measure a real engine: djl (a Llama-shaped model on DJL's PyTorch, CPU).")
    String engine;

    @Option(names = "--from-timings", paramLabel = "CSV",
            description = "Fit per-step timings measured elsewhere: a CSV with columns prefill_tokens,prefill_pairs,"
                + "decode_calls,decode_context_tokens,step_ms (docs/inference.md).")
    Path timings;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The calibration file to write.")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it is an earlier calibration file (never any other file).")
    boolean overwrite;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "tiny",
            description = "With --engine djl: tiny, small, or the folder of a local Llama checkpoint. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--torch-threads", paramLabel = "N", defaultValue = "1",
            description = "With --engine djl: PyTorch threads. Default: ${DEFAULT-VALUE}.")
    int torchThreads;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "2",
            description = "With --engine djl: times the grid is measured, 1..100. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--grid", paramLabel = "G", defaultValue = "full",
            description = "With --engine djl: full (prefills 8-4096 tokens, decode batches 1-16 at contexts 32-768, 98 steps"
                + " a repeat) or quick (prefills 8-64, batches 1-4 at contexts 16 and 64, 39 steps). Default: ${DEFAULT-VALUE}.")
    String grid;

    @Option(names = "--clock", paramLabel = "C", defaultValue = "wall",
            description = "With --engine djl: wall (wall time of each step) or cpu (the driving thread's CPU time, which"
                + " other processes on the cores do not inflate; with one torch thread). Default: ${DEFAULT-VALUE}.")
    String clock;

    @Option(names = "--samples", paramLabel = "CSV",
            description = "With --engine djl: also write the measured steps to this new file, in the --from-timings format,"
                + " to inspect them or fit them again.")
    Path samplesOut;

    @Option(names = "--weighting", paramLabel = "W", defaultValue = "relative",
            description = "What the least squares minimise: absolute (squared errors in time: long steps weigh most and the"
                + " total time comes out right) or relative (squared relative errors, every step alike); docs/inference.md"
                + " compares them. Default: ${DEFAULT-VALUE}.")
    String weighting;

    @Option(names = "--swap-bytes-per-sec", paramLabel = "B",
            description = "With --from-timings: a KV swap speed measured elsewhere (bytes moved out and in / time of both,"
                + " 1024..1e13), written as swap-bytes-per-sec. --engine djl measures it.")
    Double swapBytesPerSec;

    /** Residuals printed and noted. */
    static final int WORST = 5;

    @Override
    public Integer call() {
        if ((engine == null) == (timings == null)) {
            throw new SpecException("--engine/--from-timings: expected exactly one of --engine djl or --from-timings CSV, got "
                    + (engine == null ? "neither" : "both"));
        }
        checkOut();
        StepCostFit.Weighting w = switch (weighting) {
            case "relative" -> StepCostFit.Weighting.RELATIVE;
            case "absolute" -> StepCostFit.Weighting.ABSOLUTE;
            default -> throw new SpecException("--weighting: expected relative or absolute, got '" + weighting + "'");
        };
        if (swapBytesPerSec != null) {
            if (timings == null) {
                throw new SpecException("--swap-bytes-per-sec: only with --from-timings (--engine djl measures the swap speed)");
            }
            try {
                CalibrationFile.swapRange(swapBytesPerSec, "--swap-bytes-per-sec");
            } catch (IllegalArgumentException e) {
                throw new SpecException(e.getMessage());
            }
        }
        List<StepSample> samples;
        SwapRate swap = null;
        String source;
        if (timings != null) {
            if (!Files.isRegularFile(timings)) {
                throw new SpecException("--from-timings: expected a CSV file, got '" + timings + "' (no such file)");
            }
            try {
                samples = StepTimings.read(timings);
            } catch (IllegalArgumentException e) {
                throw new SpecException(e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(timings + ": " + e.getMessage(), e);
            }
            if (samples.size() < LinearStepCost.TERMS.length) {
                throw new SpecException(timings + ": expected at least " + LinearStepCost.TERMS.length
                        + " step rows for a fit of " + LinearStepCost.TERMS.length + " coefficients, got " + samples.size());
            }
            source = "per-step timings from " + timings.toAbsolutePath();
        } else {
            Calibrate.Measured m = measure();
            samples = m.steps();
            swap = m.swap();
            if (samplesOut != null) {
                try {
                    StepTimings.write(samplesOut, samples, "steps measured by aiosim calibrate: " + source());
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    throw new SpecException("--samples: expected a new file, got '" + samplesOut + "' (it exists)");
                } catch (IOException e) {
                    throw new UncheckedIOException(samplesOut + ": cannot write: " + e.getMessage(), e);
                }
            }
            source = source();
        }
        StepCostFit.Result fit = StepCostFit.fit(samples, WORST, w);
        print(spec.commandLine().getOut(), fit);
        if (swap != null) {
            spec.commandLine().getOut().printf(Locale.ROOT, "swap out %.1f MiB/s, in %.1f MiB/s (%d B each way);"
                    + " %s = %.0f (both directions' bytes / both directions' time)%n", swap.outMibPerSec(), swap.inMibPerSec(),
                    swap.outBytes(), CalibrationFile.SWAP_KEY, swap.bytesPerSec());
        }
        try {
            if (swap != null) {
                CalibrationFile.write(out, fit, source, swap);
            } else if (swapBytesPerSec != null) {
                CalibrationFile.write(out, fit, source, java.util.OptionalDouble.of(swapBytesPerSec),
                        "# swap: " + CalibrationFile.SWAP_KEY + " given by --swap-bytes-per-sec");
            } else {
                CalibrationFile.write(out, fit, source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }

    private String source() {
        return "djl " + model + ", " + torchThreads + " torch thread(s), " + grid + " grid x " + repeats + ", "
                + (clock.equals("cpu") ? "CPU time of the driving thread" : "wall time") + ", " + Calibrate.WARM_UP;
    }

    /** Refuses, before anything is measured, an --out that exists and is not a calibration file to be replaced. */
    private void checkOut() {
        if (samplesOut != null && engine == null) {
            throw new SpecException("--samples: only with --engine djl (--from-timings already has its steps in a file)");
        }
        if (samplesOut != null && Files.exists(samplesOut)) {
            throw new SpecException("--samples: expected a new file, got '" + samplesOut + "' (it exists)");
        }
        if (!Files.exists(out)) {
            return;
        }
        if (!overwrite) {
            throw new SpecException("--out: expected a new file, got '" + out + "' (it exists; --overwrite replaces an earlier"
                    + " calibration file)");
        }
        if (!CalibrationFile.isCalibrationFile(out)) {
            throw new SpecException("--out: expected a new file or an earlier calibration file to overwrite, got '" + out
                    + "' (not written by aiosim calibrate; left untouched)");
        }
    }

    private Calibrate.Measured measure() {
        if (!engine.equals("djl")) {
            throw new SpecException("--engine: expected djl, got '" + engine + "'");
        }
        if (torchThreads < 1 || torchThreads > 1024) {
            throw new SpecException("--torch-threads: expected 1..1024, got '" + torchThreads + "'");
        }
        if (repeats < 1 || repeats > 100) {
            throw new SpecException("--repeats: expected 1..100, got '" + repeats + "'");
        }
        Calibrate.Grid g = switch (grid) {
            case "full" -> Calibrate.Grid.FULL;
            case "quick" -> Calibrate.Grid.QUICK;
            default -> throw new SpecException("--grid: expected full or quick, got '" + grid + "'");
        };
        if (!clock.equals("wall") && !clock.equals("cpu")) {
            throw new SpecException("--clock: expected wall or cpu, got '" + clock + "'");
        }
        DjlEngineFactory f;
        try {
            f = DjlModels.factory(model, torchThreads);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage());
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "measuring %d steps of %s (%s grid x %d, after an untimed warm-up"
                + " pass of the grid) and its KV swaps...%n", g.steps() * repeats, f.spec().name(), grid, repeats);
        return Calibrate.measure(f.spec(), f.weights(), torchThreads, g, repeats, clock.equals("cpu"));
    }

    /** The coefficients, R² and the worst residuals with their step shapes. */
    static void print(PrintWriter w, StepCostFit.Result fit) {
        double[] c = fit.model().coefficients();
        for (int i = 0; i < c.length; i++) {
            w.printf(Locale.ROOT, "%-20s %16.3f ns%n", LinearStepCost.TERMS[i], c[i]);
        }
        w.printf(Locale.ROOT, "R^2 %.5f, mean |relative error| %.1f%% over %d steps (%s least squares); worst residuals:%n",
                fit.r2(), 100 * fit.meanAbsRelError(), fit.samples(), fit.weighting().label());
        for (StepCostFit.Residual r : fit.worst()) {
            w.printf(Locale.ROOT, "  %s: measured %.3f ms, model %.3f ms (%+.1f%%)%n", describe(r.sample().shape()),
                    r.sample().nanos() / 1e6, r.predicted() / 1e6, 100 * r.relativeError());
        }
        for (StepCostFit.KindError k : fit.byKind()) {
            w.printf(Locale.ROOT, "  %-12s %3d steps: mean |relative error| %5.1f%%, worst %+6.1f%%, sum of times %+5.1f%%%n",
                    k.kind(), k.steps(), 100 * k.meanAbsRelError(), 100 * k.worst().relativeError(), 100 * k.sumError());
        }
        w.flush();
    }

    static String describe(StepShape s) {
        return String.format(Locale.ROOT, "prefill %d tokens (%d pairs), %d decodes over %d context tokens",
                s.prefillTokens(), s.prefillPairs(), s.decodeTokens(), s.decodeContextTokens());
    }
}
