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
 * @param dimensions widths and vocabulary, or {@code null} when the catalog does not state them
 *     (only the per-operator cost model needs them)
 */
public record ModelSpec(String name, double params, int layers, int queryHeads, int kvHeads, int headDim,
                        int dtypeBytes, int defaultTensorParallel, ModelDimensions dimensions) {
    public ModelSpec {
        if (!(params > 0) || layers < 1 || queryHeads < 1 || kvHeads < 1 || headDim < 1 || dtypeBytes < 1
                || defaultTensorParallel < 1) {
            throw new IllegalArgumentException("model " + name + ": every figure must be > 0");
        }
        if (dimensions != null && !(linearParams(params, dimensions) > 0)) {
            throw new IllegalArgumentException("model " + name + ": " + params + " parameters leave none for the layers"
                    + " after the embedding table and output projection (vocab x hidden each)");
        }
    }

    /** A model whose catalog entry does not state its widths: enough for the roofline, not for the per-operator model. */
    public ModelSpec(String name, double params, int layers, int queryHeads, int kvHeads, int headDim, int dtypeBytes,
                     int defaultTensorParallel) {
        this(name, params, layers, queryHeads, kvHeads, headDim, dtypeBytes, defaultTensorParallel, null);
    }

    /**
     * Parameters of the layers' linear weights (attention projections and MLP; the norms' few
     * weights included): all parameters less the embedding table and the output projection.
     *
     * @throws IllegalStateException when the catalog does not state the model's dimensions
     */
    public double linearParams() {
        if (dimensions == null) {
            throw new IllegalStateException("model " + name + ": the catalog does not state its dimensions");
        }
        return linearParams(params, dimensions);
    }

    private static double linearParams(double params, ModelDimensions d) {
        return params - d.embeddingParams() - d.lmHeadParams();
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
