package dev.aiosim.inference.engine;

/**
 * A call's KV cache copied to host memory (Java arrays) while it is swapped out: per layer, the
 * keys and the values in the cache's own layouts, and the number of tokens they hold.
 *
 * @param keys per layer, {@code kvHeads x headDim x tokens} floats
 * @param values per layer, {@code kvHeads x tokens x headDim} floats
 * @param tokens tokens held
 * @param bytes host bytes the snapshot takes (tokens x KV bytes per token)
 */
public record HostSnapshot(float[][] keys, float[][] values, int tokens, long bytes) {}
