package dev.aiosim.kernel.engine;

/**
 * Architecture figures for one model (DESIGN.md §6).
 *
 * @param name catalog name, e.g. {@code Llama-3.1-8B}
 * @param params parameter count
 * @param layers transformer layers
 * @param queryHeads attention query heads
 * @param kvHeads key/value heads (GQA)
 * @param headDim dimension of one head
 * @param dtypeBytes bytes per weight and per KV element (2 for bf16)
 * @param defaultTensorParallel GPUs one engine of this model uses unless the spec says otherwise
 */
public record ModelSpec(String name, double params, int layers, int queryHeads, int kvHeads, int headDim,
                        int dtypeBytes, int defaultTensorParallel) {
    public ModelSpec {
        if (!(params > 0) || layers < 1 || queryHeads < 1 || kvHeads < 1 || headDim < 1 || dtypeBytes < 1
                || defaultTensorParallel < 1) {
            throw new IllegalArgumentException("model " + name + ": every figure must be > 0");
        }
    }

    /** KV cache bytes per token: 2 (K and V) x layers x kv heads x head dim x dtype bytes. */
    public long kvBytesPerToken() {
        return 2L * layers * kvHeads * headDim * dtypeBytes;
    }

    public double weightBytes() {
        return params * dtypeBytes;
    }

    /** FLOPs of attention score and value products per (query token, context token) pair. */
    public double attentionFlopsPerPair() {
        return 4.0 * layers * queryHeads * headDim;
    }
}
