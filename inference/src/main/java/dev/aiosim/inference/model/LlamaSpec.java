package dev.aiosim.inference.model;

/**
 * The shape of a decoder-only transformer in the Llama family (Touvron et al. 2023, "Llama 2";
 * Grattafiori et al. 2024, "The Llama 3 Herd of Models"): RMSNorm before attention and MLP,
 * rotary position embeddings (Su et al. 2021), grouped-query attention (Ainslie et al. 2023) and
 * a SwiGLU MLP (Shazeer 2020). The field names follow a Hugging Face {@code config.json}.
 *
 * @param name what the model is called (catalog name of the bundled ones)
 * @param layers decoder layers
 * @param hidden hidden size (width of the residual stream)
 * @param heads attention (query) heads; {@code hidden} must be a multiple
 * @param kvHeads key/value heads; {@code heads} must be a multiple (GQA groups)
 * @param intermediate width of the MLP
 * @param vocab vocabulary size
 * @param ropeTheta base of the rotary frequencies (10000 in Llama 2, 500000 in Llama 3)
 * @param rmsEps epsilon of RMSNorm
 * @param tiedEmbeddings whether the output projection is the embedding table
 */
public record LlamaSpec(String name, int layers, int hidden, int heads, int kvHeads, int intermediate, int vocab,
                        double ropeTheta, double rmsEps, boolean tiedEmbeddings) {
    /** Bytes per weight and per KV element: the engine runs in float32 on the CPU. */
    public static final int DTYPE_BYTES = 4;

    public LlamaSpec {
        check(name, "layers", layers, 1, 1024);
        check(name, "hidden", hidden, 2, 1 << 16);
        check(name, "heads", heads, 1, 1024);
        check(name, "kv-heads", kvHeads, 1, 1024);
        check(name, "intermediate", intermediate, 1, 1 << 20);
        check(name, "vocab", vocab, 2, 1 << 22);
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new IllegalArgumentException("model " + name + ": hidden " + hidden + " must be heads (" + heads
                    + ") x an even head dimension");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("model " + name + ": heads " + heads + " must be a multiple of kv-heads "
                    + kvHeads);
        }
        if (!(ropeTheta > 1) || Double.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException("model " + name + ": rope-theta must be > 1, got " + ropeTheta);
        }
        if (!(rmsEps > 0) || rmsEps > 1) {
            throw new IllegalArgumentException("model " + name + ": rms-eps must be in (0, 1], got " + rmsEps);
        }
    }

    /** The bundled test model: 4 layers, width 128, about 1 M parameters (4 MB in float32). */
    public static final LlamaSpec TINY = new LlamaSpec("tiny", 4, 128, 4, 2, 344, 1024, 10000, 1e-5, false);

    /** The bundled calibration model: 8 layers, width 512, about 31 M parameters (124 MB in float32). */
    public static final LlamaSpec SMALL = new LlamaSpec("small", 8, 512, 8, 2, 1408, 8192, 10000, 1e-5, false);

    /** A bundled spec by name. */
    public static LlamaSpec bundled(String name) {
        return switch (name) {
            case "tiny" -> TINY;
            case "small" -> SMALL;
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; bundled: tiny, small");
        };
    }

    public int headDim() {
        return hidden / heads;
    }

    /** Query heads per KV head. */
    public int groups() {
        return heads / kvHeads;
    }

    /** Parameters: embedding, output projection (none when tied), and per layer the four projections, the MLP and two norms. */
    public long params() {
        long d = headDim();
        long attention = (long) hidden * heads * d * 2 + (long) hidden * kvHeads * d * 2;
        long mlp = 3L * hidden * intermediate;
        long perLayer = attention + mlp + 2L * hidden;
        long embedding = (long) vocab * hidden;
        return embedding * (tiedEmbeddings ? 1 : 2) + layers * perLayer + hidden;
    }

    /** KV bytes per token, by the catalog's formula: 2 (K and V) x layers x kv heads x head dim x dtype bytes. */
    public long kvBytesPerToken() {
        return 2L * layers * kvHeads * headDim() * DTYPE_BYTES;
    }

    private static void check(String name, String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("model " + name + ": " + field + " must be " + min + ".." + max + ", got " + v);
        }
    }
}
