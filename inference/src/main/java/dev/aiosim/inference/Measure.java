package dev.aiosim.inference;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.engine.DjlEngine;
import dev.aiosim.inference.engine.PromptTokens;
import dev.aiosim.inference.engine.SnapshotStats;
import dev.aiosim.inference.engine.StepReport;
import dev.aiosim.inference.model.LlamaModel;
import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.SeededWeights;
import dev.aiosim.kernel.context.PreemptionMode;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints what the DJL engine's operations cost on this machine, as tables: (a) decode step time
 * against batch size (1-32) and context (64, 256, 1024 tokens), (b) prefill time against prompt
 * length, (c) snapshot (swap-out) and restore (swap-in) bandwidth in MiB/s and recompute cost per
 * token. The whole grid runs once untimed first: the first steps of a shape on a fresh process
 * are several times slower (page faults on new memory), and they are not what a long run sees.
 * Step times are medians of wall time, with the driving thread's CPU time beside them (which other
 * processes on a shared machine do not inflate). A measurement, not a test:
 * {@code bench/djl-bench.sh} runs it ({@code java -cp aiosim.jar dev.aiosim.inference.Measure
 * [tiny|small] [threads] [steps]}).
 */
public final class Measure {
    static final int[] BATCHES = {1, 2, 4, 8, 16, 32};
    static final int[] CONTEXTS = {64, 256, 1024};
    static final int[] PROMPTS = {16, 64, 128, 256, 512, 1024};
    static final int[] SNAPSHOT_CONTEXTS = {256, 1024};
    /** Prompt tokens prefilled in one step while filling a decode batch (keeps each step's attention small). */
    private static final int FILL_TOKENS = 4096;

    private final LlamaSpec spec;
    private final int steps;
    private long nextId;

    private Measure(LlamaSpec spec, int steps) {
        this.spec = spec;
        this.steps = steps;
    }

    public static void main(String[] args) {
        LlamaSpec spec = LlamaSpec.bundled(args.length > 0 ? args[0] : "tiny");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        if (threads < 1 || threads > 1024 || steps < 1 || steps > 10_000) {
            throw new IllegalArgumentException("threads must be 1..1024 and steps 1..10000, got " + threads + " and " + steps);
        }
        Torch.start(threads);
        try (NDManager root = Torch.newManager()) {
            long t0 = System.nanoTime();
            LlamaModel model = LlamaModel.build(spec, new SeededWeights(1), root);
            System.out.printf(Locale.ROOT, "model %s: %,d params, %d B KV/token, built in %.2f s, %d torch thread(s),"
                            + " %d timed steps per cell%n", spec.name(), spec.params(), spec.kvBytesPerToken(),
                    (System.nanoTime() - t0) / 1e9, threads, steps);
            Measure m = new Measure(spec, steps);
            try (DjlEngine e = new DjlEngine(model, root, Long.MAX_VALUE, false)) {
                long w0 = System.nanoTime();
                m.grid(e, false);
                System.out.printf(Locale.ROOT, "warm-up pass of the whole grid (untimed): %.1f s%n%n", (System.nanoTime() - w0) / 1e9);
                m.grid(e, true);
            }
        }
    }

    private void grid(DjlEngine e, boolean print) {
        double[][] wall = new double[BATCHES.length][CONTEXTS.length];
        double[][] cpu = new double[BATCHES.length][CONTEXTS.length];
        for (int b = 0; b < BATCHES.length; b++) {
            for (int c = 0; c < CONTEXTS.length; c++) {
                double[] ms = decode(e, BATCHES[b], CONTEXTS[c]);
                wall[b][c] = ms[0];
                cpu[b][c] = ms[1];
            }
        }
        double[][] prefill = new double[PROMPTS.length][];
        for (int p = 0; p < PROMPTS.length; p++) {
            prefill[p] = prefill(e, PROMPTS[p]);
        }
        double[][] snap = new double[SNAPSHOT_CONTEXTS.length][];
        for (int c = 0; c < SNAPSHOT_CONTEXTS.length; c++) {
            snap[c] = snapshots(e, SNAPSHOT_CONTEXTS[c]);
        }
        if (!print) {
            return;
        }
        System.out.println("(a) decode step time, median ms of wall time (CPU ms of the driving thread)");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-6s", "batch"));
        for (int c : CONTEXTS) {
            h.append(String.format(Locale.ROOT, "  %-22s", "context " + c));
        }
        System.out.println(h.toString().stripTrailing());
        for (int b = 0; b < BATCHES.length; b++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6d", BATCHES[b]));
            for (int c = 0; c < CONTEXTS.length; c++) {
                row.append(String.format(Locale.ROOT, "  %-22s", String.format(Locale.ROOT, "%8.2f (%.2f)", wall[b][c], cpu[b][c])));
            }
            System.out.println(row.toString().stripTrailing());
        }
        System.out.println();
        System.out.println("(b) prefill of one prompt, median of " + steps);
        System.out.printf(Locale.ROOT, "%-8s %10s %10s %10s%n", "tokens", "wall ms", "cpu ms", "us/token");
        for (int p = 0; p < PROMPTS.length; p++) {
            System.out.printf(Locale.ROOT, "%-8d %10.2f %10.2f %10.1f%n", PROMPTS[p], prefill[p][0], prefill[p][1],
                    prefill[p][0] * 1e3 / PROMPTS[p]);
        }
        System.out.println();
        System.out.println("(c) snapshots of 8 calls, 5 rounds of swap out + in; recompute = re-prefill of the context");
        System.out.printf(Locale.ROOT, "%-8s %10s %12s %12s %14s%n", "context", "KiB/call", "out MiB/s", "in MiB/s",
                "recompute us/token");
        for (int c = 0; c < SNAPSHOT_CONTEXTS.length; c++) {
            System.out.printf(Locale.ROOT, "%-8d %10d %12.0f %12.0f %14.1f%n", SNAPSHOT_CONTEXTS[c],
                    (long) SNAPSHOT_CONTEXTS[c] * spec.kvBytesPerToken() / 1024, snap[c][0], snap[c][1], snap[c][2]);
        }
    }

    /** Fills a batch of {@code batch} calls at {@code context} tokens, then times decode steps; {wall ms, cpu ms} medians. */
    private double[] decode(DjlEngine e, int batch, int context) {
        int perFill = Math.max(1, FILL_TOKENS / context);
        int fills = (batch + perFill - 1) / perFill;
        for (int i = 0; i < batch; i++) {
            long id = nextId++; // long enough that no call leaves before the timed steps end
            e.admit(id, PromptTokens.of(id, null, context, spec.vocab()), fills + 2 + steps + 1);
            if ((i + 1) % perFill == 0 || i == batch - 1) {
                e.step(); // these prefills, and a token for the calls admitted before them
            }
        }
        e.step();
        e.step();
        long[] wall = new long[steps];
        long[] cpu = new long[steps];
        for (int i = 0; i < steps; i++) {
            StepReport r = e.step();
            wall[i] = r.nanos();
            cpu[i] = r.cpuNanos();
        }
        drain(e);
        return new double[] {median(wall) / 1e6, median(cpu) / 1e6};
    }

    /** One prompt of {@code tokens} prefilled alone, {@code steps} times; {wall ms, cpu ms} medians. */
    private double[] prefill(DjlEngine e, int tokens) {
        long[] wall = new long[steps];
        long[] cpu = new long[steps];
        for (int i = 0; i < steps; i++) {
            long id = nextId++;
            e.admit(id, PromptTokens.of(id, null, tokens, spec.vocab()), 1);
            StepReport r = e.step();
            wall[i] = r.nanos();
            cpu[i] = r.cpuNanos();
        }
        return new double[] {median(wall) / 1e6, median(cpu) / 1e6};
    }

    /** Swap-out and swap-in MiB/s of 8 calls at {@code context} tokens, and recompute us per token. */
    private double[] snapshots(DjlEngine e, int context) {
        int calls = 8;
        long first = nextId;
        for (int i = 0; i < calls; i++) {
            long id = nextId++;
            e.admit(id, PromptTokens.of(id, null, context, spec.vocab()), calls + 10);
        }
        e.step();
        SnapshotStats s = e.snapshotStats();
        long out0 = s.outBytes();
        long outNs0 = s.outNanos();
        long in0 = s.inBytes();
        long inNs0 = s.inNanos();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < calls; i++) {
                e.preempt(first + i, PreemptionMode.SWAP);
            }
            for (int i = 0; i < calls; i++) {
                e.resume(first + i);
            }
        }
        double outMib = (s.outBytes() - out0) / 1048576.0 / ((s.outNanos() - outNs0) / 1e9);
        double inMib = (s.inBytes() - in0) / 1048576.0 / ((s.inNanos() - inNs0) / 1e9);
        // recompute: drop a call's KV, resume, and the next step prefills its prompt and tokens again
        long tokens = 0;
        long nanos = 0;
        for (int i = 0; i < calls; i++) {
            long id = first + i;
            if (e.generatedCount(id) == 0 || e.preempted(id)) {
                continue;
            }
            e.preempt(id, PreemptionMode.RECOMPUTE);
            e.resume(id);
            StepReport r = e.step(); // the re-prefill, with one decode token for each other call still running
            tokens += r.prefillTokens();
            nanos += r.nanos();
        }
        drain(e);
        return new double[] {outMib, inMib, tokens == 0 ? Double.NaN : nanos / 1e3 / tokens};
    }

    private static void drain(DjlEngine e) {
        while (e.calls() > 0) {
            e.step();
        }
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
