package dev.aiosim.inference.engine;

/**
 * What an engine's prefix sharing did since it started ({@link DjlEngine#prefixStats}).
 *
 * @param reusedTokens context tokens credited as prefix-cache hits whose KV came from the store
 * @param missedTokens credited tokens computed anyway: their block was evicted from the store, never
 *     stored (a workload whose names are not chained, a block of generated tokens), or was being
 *     computed by another call in the same step
 * @param storedBlocks blocks put in the store
 * @param evictedBlocks blocks evicted to stay within the budget
 * @param blocks blocks held now
 * @param bytes host bytes held now
 */
public record PrefixStats(long reusedTokens, long missedTokens, long storedBlocks, long evictedBlocks, int blocks,
                          long bytes) {}
