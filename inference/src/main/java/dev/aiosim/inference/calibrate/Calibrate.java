package dev.aiosim.inference.calibrate;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.Torch;
import dev.aiosim.inference.engine.DjlEngine;
import dev.aiosim.inference.engine.PromptTokens;
import dev.aiosim.inference.engine.StepReport;
import dev.aiosim.inference.model.LlamaModel;
import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.SeededWeights;
import dev.aiosim.inference.model.WeightSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures a DJL engine's step times over a grid of batch shapes (prefills of several lengths,
 * decode batches at several contexts, mixed steps), fits a {@link LinearStepCost} and writes it
 * ({@link CalibrationFile}); {@code aiosim calibrate --engine djl} runs it ({@link #measure}). By hand:
 * {@code java -cp ... dev.aiosim.inference.calibrate.Calibrate MODEL THREADS OUT [wall|cpu]}; with
 * {@code cpu} the samples are the driving thread's CPU time, which other processes sharing the
 * cores do not inflate (with one torch thread the forward runs on that thread).
 */
public final class Calibrate {
    private Calibrate() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4 || args.length == 4 && !args[3].matches("wall|cpu")) {
            System.err.println("usage: Calibrate tiny|small THREADS OUT-FILE [wall|cpu]");
            System.exit(2);
        }
        boolean cpu = args.length == 4 && args[3].equals("cpu");
        LlamaSpec spec = LlamaSpec.bundled(args[0]);
        int threads = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        List<StepSample> samples = measure(spec, new SeededWeights(1), threads, Grid.FULL, 2, cpu);
        StepCostFit.Result fit = StepCostFit.fit(samples, 5);
        double[] c = fit.model().coefficients();
        for (int i = 0; i < c.length; i++) {
            System.out.printf(Locale.ROOT, "%-20s %14.1f ns%n", LinearStepCost.TERMS[i], c[i]);
        }
        System.out.printf(Locale.ROOT, "R^2 %.5f over %d steps; worst:%n", fit.r2(), fit.samples());
        for (StepCostFit.Residual r : fit.worst()) {
            System.out.printf(Locale.ROOT, "  %s measured %.2f ms, model %.2f ms (%+.1f%%)%n", r.sample().shape(),
                    r.sample().nanos() / 1e6, r.predicted() / 1e6, 100 * r.relativeError());
        }
        CalibrationFile.write(out, fit, "djl " + spec.name() + ", " + threads + " torch thread(s), "
                + (cpu ? "CPU time of the driving thread" : "wall time"));
        System.out.println("wrote " + out);
    }

    /** Which shapes {@link #measure} runs. */
    public enum Grid {
        /** Prefills of 8-512 tokens, decode batches 1-16 at contexts 32-768, mixed steps: 65 steps a repeat. */
        FULL(new int[] {8, 32, 128, 256, 512}, new int[] {1, 2, 4, 8, 16}, new int[] {32, 256, 768}),
        /** Prefills of 8-64 tokens, decode batches 1-4 at contexts 16 and 64, mixed steps: 27 steps a repeat (tests, smoke runs). */
        QUICK(new int[] {8, 32, 64}, new int[] {1, 2, 4}, new int[] {16, 64});

        private final int[] prefills;
        private final int[] batches;
        private final int[] contexts;

        Grid(int[] prefills, int[] batches, int[] contexts) {
            this.prefills = prefills;
            this.batches = batches;
            this.contexts = contexts;
        }

        /** Steps measured per repeat. */
        public int steps() {
            return prefills.length + 4 * batches.length * contexts.length;
        }
    }

    /**
     * Builds the model, measures its steps over {@code grid} {@code repeats} times on one engine and
     * frees everything.
     *
     * @param threads torch threads (0 for the default 1)
     * @param cpu samples are the driving thread's CPU time rather than wall time
     */
    public static List<StepSample> measure(LlamaSpec spec, WeightSource weights, int threads, Grid grid, int repeats,
                                           boolean cpu) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats: expected >= 1, got " + repeats);
        }
        Torch.start(threads);
        try (NDManager root = Torch.newManager(); LlamaModel model = LlamaModel.build(spec, weights, root);
             DjlEngine e = new DjlEngine(model, root, 0, false)) {
            return grid(e, spec, cpu, grid, repeats);
        }
    }

    /** The measured grid: each shape run {@code repeats} times after a warm-up, each step a sample. */
    static List<StepSample> grid(DjlEngine e, LlamaSpec spec, boolean cpu, Grid grid, int repeats) {
        List<StepSample> samples = new ArrayList<>();
        long[] id = {1};
        // warm-up: the first forwards of a JVM are slow
        for (int i = 0; i < 3; i++) {
            e.admit(id[0], PromptTokens.of(id[0]++, null, 64, spec.vocab()), 2);
            e.step();
            e.step();
        }
        for (int rep = 0; rep < repeats; rep++) {
            for (int n : grid.prefills) {
                e.admit(id[0], PromptTokens.of(id[0]++, null, n, spec.vocab()), 1);
                samples.add(sample(cpu, e.step()));
            }
            for (int batch : grid.batches) {
                for (int ctx : grid.contexts) {
                    for (int i = 0; i < batch; i++) {
                        e.admit(id[0], PromptTokens.of(id[0]++, null, ctx, spec.vocab()), 4);
                    }
                    samples.add(sample(cpu, e.step())); // a batched prefill
                    samples.add(sample(cpu, e.step())); // decodes
                    e.admit(id[0], PromptTokens.of(id[0]++, null, 64, spec.vocab()), 1);
                    samples.add(sample(cpu, e.step())); // a mixed step: decodes and one prefill
                    samples.add(sample(cpu, e.step()));
                }
            }
        }
        return samples;
    }

    private static StepSample sample(boolean cpu, StepReport r) {
        return new StepSample(r.shape(), Math.max(1, cpu ? r.cpuNanos() : r.nanos()));
    }
}
