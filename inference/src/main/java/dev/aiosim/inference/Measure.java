package dev.aiosim.inference;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.engine.DjlEngine;
import dev.aiosim.inference.engine.PromptTokens;
import dev.aiosim.inference.engine.SnapshotStats;
import dev.aiosim.inference.model.LlamaModel;
import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.SeededWeights;
import dev.aiosim.kernel.context.PreemptionMode;
import java.util.Locale;

/**
 * Prints what the DJL engine's operations cost on this machine: decode step time against batch
 * size, prefill time per token, snapshot (swap-out) and restore (swap-in) bandwidth in MiB/s,
 * and recompute cost per token. A measurement, not a test: run it by hand
 * ({@code java -cp ... dev.aiosim.inference.Measure [tiny|small] [threads] [context]}).
 */
public final class Measure {
    private Measure() {}

    public static void main(String[] args) {
        LlamaSpec spec = LlamaSpec.bundled(args.length > 0 ? args[0] : "tiny");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int context = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        if (context < 2 || context > 100_000) {
            throw new IllegalArgumentException("context must be 2..100000, got " + context);
        }
        Torch.start(threads);
        try (NDManager root = Torch.newManager()) {
            long t0 = System.nanoTime();
            LlamaModel model = LlamaModel.build(spec, new SeededWeights(1), root);
            System.out.printf(Locale.ROOT, "model %s: %,d params, %d B KV/token, built in %.2f s, %d torch thread(s)%n",
                    spec.name(), spec.params(), spec.kvBytesPerToken(), (System.nanoTime() - t0) / 1e9, threads);
            try (DjlEngine e = new DjlEngine(model, root, Long.MAX_VALUE, false)) {
                prefill(e, spec, context);
                for (int batch : new int[] {1, 2, 4, 8, 16, 32}) {
                    decode(e, spec, batch, context);
                }
                snapshots(e, spec, context);
            }
        }
    }

    private static void prefill(DjlEngine e, LlamaSpec spec, int context) {
        for (int warm = 0; warm < 2; warm++) {
            e.admit(-1 - warm, PromptTokens.of(warm, null, context, spec.vocab()), 1);
            e.step();
        }
        int reps = 5;
        long sum = 0;
        for (int i = 0; i < reps; i++) {
            e.admit(i, PromptTokens.of(i, null, context, spec.vocab()), 1);
            sum += e.step().nanos();
        }
        System.out.printf(Locale.ROOT, "prefill %d tokens: %.2f ms, %.1f us/token (= recompute cost per token)%n",
                context, sum / reps / 1e6, sum / reps / 1e3 / context);
    }

    private static void decode(DjlEngine e, LlamaSpec spec, int batch, int context) {
        for (int i = 0; i < batch; i++) {
            e.admit(1000 + i, PromptTokens.of(1000 + i, null, context, spec.vocab()), 1 + 2 + 20);
        }
        e.step(); // the prefills
        e.step();
        e.step();
        long sum = 0;
        int steps = 20;
        for (int i = 0; i < steps; i++) {
            sum += e.step().nanos();
        }
        System.out.printf(Locale.ROOT, "decode batch %2d at context ~%d: %.2f ms/step, %.2f ms/token%n", batch,
                context, sum / steps / 1e6, sum / steps / 1e6 / batch);
    }

    private static void snapshots(DjlEngine e, LlamaSpec spec, int context) {
        int calls = 8;
        for (int i = 0; i < calls; i++) {
            e.admit(2000 + i, PromptTokens.of(2000 + i, null, context, spec.vocab()), 3);
        }
        e.step();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < calls; i++) {
                e.preempt(2000 + i, PreemptionMode.SWAP);
            }
            for (int i = 0; i < calls; i++) {
                e.resume(2000 + i);
            }
        }
        SnapshotStats s = e.snapshotStats();
        System.out.printf(Locale.ROOT, "swap out: %.1f MiB in %.1f ms, %.0f MiB/s; swap in: %.0f MiB/s (%d KiB per snapshot)%n",
                s.outBytes() / 1048576.0, s.outNanos() / 1e6, s.outMibPerSec(), s.inMibPerSec(),
                (long) context * spec.kvBytesPerToken() / 1024);
        while (e.calls() > 0) {
            e.step();
        }
    }
}
