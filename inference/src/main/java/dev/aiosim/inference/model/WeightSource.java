package dev.aiosim.inference.model;

/**
 * Where a model's weights come from, by their Hugging Face Llama names
 * ({@code model.layers.0.self_attn.q_proj.weight}, ...) and in Hugging Face layout (a linear
 * layer's weight is {@code [out, in]}). Seeded generation and safetensors files both serve them,
 * so the model is built the same way from either.
 */
public interface WeightSource {
    /**
     * The tensor {@code name} as row-major floats.
     *
     * @param shape the shape the model expects; a source holding another shape says so
     * @throws IllegalArgumentException when the tensor is missing or has another shape
     */
    float[] tensor(String name, long... shape);

    /** Whether the source holds {@code name} (the output projection is absent when embeddings are tied). */
    boolean has(String name);
}
