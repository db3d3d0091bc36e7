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
import dev.aiosim.kernel.context.PreemptionMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures a DJL engine's step times over a grid of batch shapes (prefills of several lengths,
 * decode batches at several contexts, mixed steps) and its KV swap speed ({@link SwapRate}), fits
 * a {@link LinearStepCost} and writes it ({@link CalibrationFile}); {@code aiosim calibrate
 * --engine djl} runs it ({@link #measure}). One untimed pass of the whole grid (and of the swaps)
 * comes first: the first time the engine meets a larger step, its new peak memory is page-faulted
 * in, and such a step ran 3-8x slower than its repeats. By hand:
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
        Measured m = measure(spec, new SeededWeights(1), threads, Grid.FULL, 2, cpu);
        StepCostFit.Result fit = StepCostFit.fit(m.steps(), 5);
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
                + (cpu ? "CPU time of the driving thread" : "wall time") + ", " + WARM_UP, m.swap());
        System.out.println("wrote " + out);
    }

    /** How the source line of a calibration file says that the grid was warmed up. */
    /** Decode steps measured in a row after each batched prefill of the grid. */
    static final int DECODE_STEPS = 3;
    /** Steps measured per (batch, context) of the grid: the prefill, the decodes, a mixed step and one more decode. */
    static final int STEPS_PER_BATCH = DECODE_STEPS + 3;

    public static final String WARM_UP = "after an untimed warm-up pass of the grid";

    /** Contexts swapped at once for each context length of the swap measurement. */
    static final int SWAP_CALLS = 4;

    /**
     * What {@link #measure} measured.
     *
     * @param steps the timed steps
     * @param swap the swap speed
     */
    public record Measured(List<StepSample> steps, SwapRate swap) {}

    /** Which shapes {@link #measure} runs. */
    public enum Grid {
        /** Prefills of 8-4096 tokens, decode batches 1-16 at contexts 32-768, mixed steps: 98 steps a repeat. */
        FULL(new int[] {8, 32, 128, 256, 512, 1024, 2048, 4096}, new int[] {1, 2, 4, 8, 16}, new int[] {32, 256, 768}),
        /** Prefills of 8-64 tokens, decode batches 1-4 at contexts 16 and 64, mixed steps: 39 steps a repeat (tests, smoke runs). */
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
            return prefills.length + STEPS_PER_BATCH * batches.length * contexts.length;
        }
    }

    /**
     * Builds the model, runs the grid once untimed, measures its steps over {@code grid}
     * {@code repeats} times and its swaps ({@link #swaps}) on one engine and frees everything.
     *
     * @param threads torch threads (0 for the default 1)
     * @param cpu samples are the driving thread's CPU time rather than wall time
     */
    public static Measured measure(LlamaSpec spec, WeightSource weights, int threads, Grid grid, int repeats,
                                   boolean cpu) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats: expected >= 1, got " + repeats);
        }
        Torch.start(threads);
        try (NDManager root = Torch.newManager(); LlamaModel model = LlamaModel.build(spec, weights, root);
             DjlEngine e = new DjlEngine(model, root, Long.MAX_VALUE, false)) {
            long[] id = {1};
            warmUp(e, grid, id); // first forwards of a JVM, new peak memory
            List<StepSample> samples = new ArrayList<>();
            for (int rep = 0; rep < repeats; rep++) {
                pass(e, spec, cpu, grid, id, samples);
            }
            return new Measured(samples, swaps(e, spec, grid, id, repeats));
        }
    }

    /**
     * One untimed pass of {@code grid} and one swap round on a scratch engine of {@code model},
     * freed afterwards: what {@link #measure} does before it measures, for a live run to start in
     * the same warmed state (JIT-compiled code, the allocator's peak memory already mapped) as the
     * calibration it is compared with.
     */
    public static void warmUp(LlamaModel model, NDManager root, Grid grid) {
        try (DjlEngine e = new DjlEngine(model, root, Long.MAX_VALUE, false)) {
            warmUp(e, grid, new long[] {1});
        }
    }

    /** One untimed pass of {@code grid} and one swap round on {@code e}, call ids drawn from {@code id}. */
    private static void warmUp(DjlEngine e, Grid grid, long[] id) {
        LlamaSpec spec = e.model().spec();
        pass(e, spec, false, grid, id, new ArrayList<>());
        swaps(e, spec, grid, id, 1);
    }

    /**
     * Swaps out and back in {@link #SWAP_CALLS} calls at each of the grid's context lengths,
     * {@code repeats} times, with a decode step before and after, and returns the traffic that the
     * engine's {@link dev.aiosim.inference.engine.SnapshotStats} timed.
     */
    static SwapRate swaps(DjlEngine e, LlamaSpec spec, Grid grid, long[] id, int repeats) {
        var before = e.snapshotStats();
        long outBytes = before.outBytes();
        long outNanos = before.outNanos();
        long inBytes = before.inBytes();
        long inNanos = before.inNanos();
        for (int rep = 0; rep < repeats; rep++) {
            for (int ctx : grid.contexts) {
                long first = id[0];
                for (int i = 0; i < SWAP_CALLS; i++) {
                    e.admit(id[0], PromptTokens.of(id[0]++, null, ctx, spec.vocab()), 0);
                }
                e.step(); // prefill
                e.step(); // a decode: the KV holds ctx + 1 tokens
                for (long c = first; c < id[0]; c++) {
                    if (e.preempt(c, PreemptionMode.SWAP) != PreemptionMode.SWAP) {
                        throw new IllegalStateException("call " + c + " was not swapped out");
                    }
                }
                for (long c = first; c < id[0]; c++) {
                    e.resume(c);
                }
                e.step(); // decodes on the restored KV
                for (long c = first; c < id[0]; c++) {
                    e.cancel(c);
                }
            }
        }
        var after = e.snapshotStats();
        return new SwapRate(after.outBytes() - outBytes, after.outNanos() - outNanos, after.inBytes() - inBytes,
                after.inNanos() - inNanos);
    }

    /** One pass of the grid, its samples added to {@code samples}. */
    static void pass(DjlEngine e, LlamaSpec spec, boolean cpu, Grid grid, long[] id, List<StepSample> samples) {
        for (int n : grid.prefills) {
            e.admit(id[0], PromptTokens.of(id[0]++, null, n, spec.vocab()), 1);
            samples.add(sample(cpu, e.step()));
        }
        for (int batch : grid.batches) {
            for (int ctx : grid.contexts) {
                for (int i = 0; i < batch; i++) {
                    e.admit(id[0], PromptTokens.of(id[0]++, null, ctx, spec.vocab()), STEPS_PER_BATCH);
                }
                samples.add(sample(cpu, e.step())); // a batched prefill
                for (int d = 0; d < DECODE_STEPS; d++) {
                    // decodes in a row: the first after a prefill runs on cold caches, later ones as
                    // in a long run of decode steps
                    samples.add(sample(cpu, e.step()));
                }
                e.admit(id[0], PromptTokens.of(id[0]++, null, 64, spec.vocab()), 1);
                samples.add(sample(cpu, e.step())); // a mixed step: decodes and one prefill
                samples.add(sample(cpu, e.step()));
            }
        }
    }

    private static StepSample sample(boolean cpu, StepReport r) {
        return new StepSample(r.shape(), Math.max(1, cpu ? r.cpuNanos() : r.nanos()));
    }
}
