/**
 * The Llama-shaped decoder: its spec ({@link dev.aiosim.inference.model.LlamaSpec}, two bundled
 * sizes), where its weights come from (seeded generation or a local safetensors checkpoint), its
 * batched forward and the per-sequence KV cache it extends.
 */
package dev.aiosim.inference.model;
