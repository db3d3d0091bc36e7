package dev.aiosim.kernel.engine;

/**
 * The widths of a decoder-only transformer that a per-operator cost model needs beyond
 * {@link ModelSpec}'s head counts: they split the parameter count into the embedding table, the
 * output projection (lm_head) and the layers' linear weights, and size the element-wise
 * operators. Values from each model's Hugging Face {@code config.json} (cited in the catalog).
 *
 * @param hiddenSize residual stream width ({@code hidden_size})
 * @param intermediateSize gated MLP width ({@code intermediate_size})
 * @param vocabSize vocabulary ({@code vocab_size})
 * @param tiedEmbeddings whether the output projection reuses the embedding table ({@code tie_word_embeddings})
 */
public record ModelDimensions(int hiddenSize, int intermediateSize, int vocabSize, boolean tiedEmbeddings) {
    public ModelDimensions {
        if (hiddenSize < 1 || intermediateSize < 1 || vocabSize < 1) {
            throw new IllegalArgumentException("hidden size, intermediate size and vocabulary must be >= 1, got "
                    + hiddenSize + ", " + intermediateSize + ", " + vocabSize);
        }
    }

    /** Parameters of the embedding table: vocab x hidden. */
    public double embeddingParams() {
        return (double) vocabSize * hiddenSize;
    }

    /** Parameters of the output projection: vocab x hidden, or 0 when it is the embedding table (tied). */
    public double lmHeadParams() {
        return tiedEmbeddings ? 0 : embeddingParams();
    }
}
