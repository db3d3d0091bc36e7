package dev.aiosim.kernel.memory;

/**
 * The memory manager's settings (spec {@code memory:}).
 *
 * @param ramBytes capacity of the RAM tier shared by all agents, >= 1
 * @param k eviction by LRU-K with this K (O'Neil, O'Neil and Weikum, SIGMOD 1993; AIOS's memory
 *     manager uses LRU-K); 1 is plain LRU; from 1 to {@link #MAX_K}
 * @param hitLatencyNanos time of an operation served from RAM (and of alloc, clear, and a read of
 *     an item that does not exist), >= 0
 * @param missLatencyNanos fixed time of an operation whose item lies in the storage tier, >= 0
 * @param spillBytesPerSecond storage-tier bandwidth: a miss also takes item bytes / this, > 0
 */
public record MemoryConfig(long ramBytes, int k, long hitLatencyNanos, long missLatencyNanos, double spillBytesPerSecond) {
    /** The largest K accepted: longer histories add nothing measurable and cost memory per item. */
    public static final int MAX_K = 16;

    public MemoryConfig {
        if (ramBytes < 1) {
            throw new IllegalArgumentException("ram must be >= 1 byte, got " + ramBytes);
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be from 1 (LRU) to " + MAX_K + ", got " + k);
        }
        if (hitLatencyNanos < 0 || missLatencyNanos < 0) {
            throw new IllegalArgumentException("latencies must be >= 0");
        }
        if (!(spillBytesPerSecond > 0) || Double.isInfinite(spillBytesPerSecond)) {
            throw new IllegalArgumentException("spill bandwidth must be > 0 bytes/s, got " + spillBytesPerSecond);
        }
    }

    /** Time to move {@code bytes} between the tiers, rounded up to a nanosecond. */
    long transferNanos(long bytes) {
        return bytes == 0 ? 0 : (long) Math.ceil(bytes * 1e9 / spillBytesPerSecond);
    }
}
