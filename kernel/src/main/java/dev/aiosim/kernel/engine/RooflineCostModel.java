package dev.aiosim.kernel.engine;

import dev.aiosim.kernel.time.VirtualTimeOverflow;

/**
 * Roofline step time (DESIGN.md §6):
 * {@code max(flops / (peak * mfu), bytes / (hbm * mbu)) + overhead}, where
 * flops = 2 x params x tokens + attention over context, and bytes = weights + KV read + KV
 * written. With tensor parallelism {@code tp}, compute and bandwidth scale with {@code tp}
 * (communication is folded into the efficiencies).
 *
 * @param model the model served
 * @param gpu the GPU type
 * @param tensorParallel GPUs per engine
 * @param mfu model FLOPs utilisation, (0, 1]
 * @param mbu memory bandwidth utilisation, (0, 1]
 * @param overheadNanos fixed per-step cost (scheduling, kernel launches, sampling)
 */
public record RooflineCostModel(ModelSpec model, GpuSpec gpu, int tensorParallel, double mfu, double mbu,
                                long overheadNanos) implements CostModel {
    public RooflineCostModel {
        if (tensorParallel < 1) {
            throw new IllegalArgumentException("tensor-parallel must be >= 1, got " + tensorParallel);
        }
        if (!(mfu > 0 && mfu <= 1)) {
            throw new IllegalArgumentException("mfu must be in (0, 1], got " + mfu);
        }
        if (!(mbu > 0 && mbu <= 1)) {
            throw new IllegalArgumentException("mbu must be in (0, 1], got " + mbu);
        }
        if (overheadNanos < 0) {
            throw new IllegalArgumentException("step overhead must be >= 0, got " + overheadNanos);
        }
    }

    @Override
    public long stepNanos(StepShape s) {
        double flops = 2.0 * model.params() * s.tokens()
                + model.attentionFlopsPerPair() * (double) (s.prefillPairs() + s.decodeContextTokens());
        double kv = model.kvBytesPerToken();
        double bytes = model.weightBytes() + kv * (double) s.decodeContextTokens() + kv * (double) s.tokens();
        double compute = flops / (gpu.peakFlops() * tensorParallel * mfu);
        double memory = bytes / (gpu.hbmBytesPerSec() * tensorParallel * mbu);
        double ns = Math.ceil(Math.max(compute, memory) * 1e9);
        if (!(ns < 0x1p63)) {
            throw new VirtualTimeOverflow("engine step time of " + model.name() + " on " + gpu.name()
                    + " (mfu " + mfu + ", mbu " + mbu + ")");
        }
        long t = VirtualTimeOverflow.add((long) ns, overheadNanos, "engine step time (step overhead)");
        return Math.max(1, t);
    }
}
