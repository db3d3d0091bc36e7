package dev.aiosim.kernel.memory;

/**
 * Totals of the memory manager over a run (summary columns {@code memory_*}).
 *
 * @param ops operations served
 * @param hits reads and writes of an item in RAM
 * @param misses reads and writes of an item in the storage tier
 * @param notFound reads of an item that does not exist
 * @param evictions items moved from RAM to the storage tier to make room
 * @param bytesMoved bytes moved between the tiers, both ways
 * @param ramPeakBytes the most RAM the items held at once
 */
public record MemoryCounters(long ops, long hits, long misses, long notFound, long evictions, long bytesMoved,
                             long ramPeakBytes) {
    /** Hits / (hits + misses); NaN without either. */
    public double hitRate() {
        long n = hits + misses;
        return n == 0 ? Double.NaN : hits / (double) n;
    }
}
