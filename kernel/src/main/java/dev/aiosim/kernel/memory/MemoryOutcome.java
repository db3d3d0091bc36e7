package dev.aiosim.kernel.memory;

/**
 * What one memory operation cost and where it found its item.
 *
 * @param latencyNanos service time
 * @param hit the item was in RAM
 * @param miss the item was in the storage tier (or did not fit RAM)
 */
public record MemoryOutcome(long latencyNanos, boolean hit, boolean miss) {}
