package dev.aiosim.kernel.engine;

import dev.aiosim.kernel.context.PreemptionMode;

/**
 * Everything one engine needs: slots, KV pool, preemption, swap space and costs.
 *
 * @param slots maximum running calls (max batch), >= 1
 * @param kvCapacityTokens KV pool size in tokens, >= 1
 * @param kvBytesPerToken bytes of KV per token (for swap traffic and reports)
 * @param preemption how preempted calls keep their context
 * @param hostSwapBytes host memory for swapped-out KV; when full, swap falls back to recompute
 * @param pcieBytesPerSec host link bandwidth for swap transfers
 * @param costModel step time
 * @param prefixCache whether the engine keeps a prefix cache of named KV blocks
 *     ({@link dev.aiosim.kernel.cache.PrefixCache}); off, calls' prefixes are ignored
 */
public record EngineConfig(int slots, long kvCapacityTokens, long kvBytesPerToken, PreemptionMode preemption,
                           long hostSwapBytes, double pcieBytesPerSec, CostModel costModel, boolean prefixCache) {
    /** An engine without prefix cache. */
    public EngineConfig(int slots, long kvCapacityTokens, long kvBytesPerToken, PreemptionMode preemption,
                        long hostSwapBytes, double pcieBytesPerSec, CostModel costModel) {
        this(slots, kvCapacityTokens, kvBytesPerToken, preemption, hostSwapBytes, pcieBytesPerSec, costModel, false);
    }

    /** This configuration with the prefix cache on or off. */
    public EngineConfig withPrefixCache(boolean on) {
        return new EngineConfig(slots, kvCapacityTokens, kvBytesPerToken, preemption, hostSwapBytes, pcieBytesPerSec,
                costModel, on);
    }

    public EngineConfig {
        if (slots < 1) {
            throw new IllegalArgumentException("max-batch must be >= 1, got " + slots);
        }
        if (kvCapacityTokens < 1) {
            throw new IllegalArgumentException("KV capacity must be >= 1 token, got " + kvCapacityTokens
                    + " (is the model bigger than the GPU memory?)");
        }
        if (kvBytesPerToken < 1) {
            throw new IllegalArgumentException("KV bytes per token must be >= 1, got " + kvBytesPerToken);
        }
        if (hostSwapBytes < 0) {
            throw new IllegalArgumentException("host swap must be >= 0 bytes, got " + hostSwapBytes);
        }
        if (!(pcieBytesPerSec > 0)) {
            throw new IllegalArgumentException("PCIe bandwidth must be > 0, got " + pcieBytesPerSec);
        }
        if (preemption == null || costModel == null) {
            throw new IllegalArgumentException("preemption mode and cost model are required");
        }
    }

    /**
     * KV capacity derived from GPU memory: {@code (memory x tp x utilisation - weights) / kvBytesPerToken},
     * with utilisation as vLLM's {@code gpu_memory_utilization}.
     */
    public static long derivedKvTokens(ModelSpec model, GpuSpec gpu, int tensorParallel, double memoryUtilisation) {
        double free = gpu.memoryBytes() * tensorParallel * memoryUtilisation - model.weightBytes();
        return (long) Math.floor(free / model.kvBytesPerToken());
    }
}
