package dev.aiosim.kernel.storage;

/**
 * The storage manager's settings (spec {@code storage:}); how many calls the device serves at
 * once is the storage resource's concurrency ({@code cluster.storage-concurrency}).
 *
 * @param latencyNanos fixed time of every operation (seek, metadata, round trip), >= 0
 * @param bytesPerSecond bandwidth each call gets while it is served, > 0
 */
public record StorageConfig(long latencyNanos, double bytesPerSecond) {
    public StorageConfig {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency must be >= 0, got " + latencyNanos);
        }
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("bandwidth must be > 0 bytes/s, got " + bytesPerSecond);
        }
    }

    /** Time of an operation moving {@code bytes}: latency + bytes / bandwidth, rounded up to a nanosecond. */
    public long nanos(long bytes) {
        return latencyNanos + (bytes == 0 ? 0 : (long) Math.ceil(bytes * 1e9 / bytesPerSecond));
    }
}
