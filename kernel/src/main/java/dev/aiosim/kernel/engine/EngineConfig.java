package dev.aiosim.kernel.engine;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.engine.packing.StepPacking;

/**
 * Everything one engine needs: slots, KV pool, preemption, swap space and costs. A spec gives every
 * field (the canonical constructor); code that takes defaults uses {@link #builder()}.
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
 * @param packing how the running calls' tokens fill a step (DESIGN.md §4); a token budget, when it
 *     has one, must cover one decode per slot (vLLM's check of max_num_batched_tokens against max_num_seqs)
 */
public record EngineConfig(int slots, long kvCapacityTokens, long kvBytesPerToken, PreemptionMode preemption,
                           long hostSwapBytes, double pcieBytesPerSec, CostModel costModel, boolean prefixCache,
                           StepPacking packing) {
    /**
     * A builder for configurations where most fields keep their defaults (tests, benchmarks):
     * slots, KV capacity and cost model must be given; by default KV is 1 byte per token,
     * preemption recomputes, there is no host swap, the host link moves 1 GB/s, the prefix
     * cache is off and steps are packed the default way.
     */
    public static Builder builder() {
        return new Builder();
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
        if (preemption == null || costModel == null || packing == null) {
            throw new IllegalArgumentException("preemption mode, cost model and step packing are required");
        }
        if (packing.tokenBudget() < slots) {
            throw new IllegalArgumentException("the " + packing.name() + " token budget (" + packing.tokenBudget()
                    + ") must be >= max-batch (" + slots + "): every running call must fit one decode token in a step");
        }
    }

    /** An engine that packs its steps the {@link StepPacking#DEFAULT default} way (whole prompts mixed with decodes). */
    public EngineConfig(int slots, long kvCapacityTokens, long kvBytesPerToken, PreemptionMode preemption,
                        long hostSwapBytes, double pcieBytesPerSec, CostModel costModel, boolean prefixCache) {
        this(slots, kvCapacityTokens, kvBytesPerToken, preemption, hostSwapBytes, pcieBytesPerSec, costModel,
                prefixCache, StepPacking.DEFAULT);
    }

    /**
     * KV capacity derived from GPU memory: {@code (memory x tp x utilisation - weights) / kvBytesPerToken},
     * with utilisation as vLLM's {@code gpu_memory_utilization}.
     */
    public static long derivedKvTokens(ModelSpec model, GpuSpec gpu, int tensorParallel, double memoryUtilisation) {
        double free = gpu.memoryBytes() * tensorParallel * memoryUtilisation - model.weightBytes();
        return (long) Math.floor(free / model.kvBytesPerToken());
    }

    /** Builds an {@link EngineConfig} field by field; see {@link EngineConfig#builder()} for the defaults. */
    public static final class Builder {
        private int slots;
        private long kvCapacityTokens;
        private long kvBytesPerToken = 1;
        private PreemptionMode preemption = PreemptionMode.RECOMPUTE;
        private long hostSwapBytes;
        private double pcieBytesPerSec = 1e9;
        private CostModel costModel;
        private boolean prefixCache;
        private StepPacking packing = StepPacking.DEFAULT;

        private Builder() {}

        /** Maximum running calls (max batch); required. */
        public Builder slots(int slots) {
            this.slots = slots;
            return this;
        }

        /** KV pool size in tokens; required. */
        public Builder kvTokens(long kvCapacityTokens) {
            this.kvCapacityTokens = kvCapacityTokens;
            return this;
        }

        public Builder kvBytesPerToken(long kvBytesPerToken) {
            this.kvBytesPerToken = kvBytesPerToken;
            return this;
        }

        public Builder preemption(PreemptionMode preemption) {
            this.preemption = preemption;
            return this;
        }

        public Builder hostSwapBytes(long hostSwapBytes) {
            this.hostSwapBytes = hostSwapBytes;
            return this;
        }

        public Builder pcieBytesPerSec(double pcieBytesPerSec) {
            this.pcieBytesPerSec = pcieBytesPerSec;
            return this;
        }

        /** Step time; required. */
        public Builder costModel(CostModel costModel) {
            this.costModel = costModel;
            return this;
        }

        public Builder prefixCache(boolean on) {
            this.prefixCache = on;
            return this;
        }

        public Builder packing(StepPacking packing) {
            this.packing = packing;
            return this;
        }

        /** The configuration; the record's checks name any field out of range or missing. */
        public EngineConfig build() {
            return new EngineConfig(slots, kvCapacityTokens, kvBytesPerToken, preemption, hostSwapBytes,
                    pcieBytesPerSec, costModel, prefixCache, packing);
        }
    }
}
