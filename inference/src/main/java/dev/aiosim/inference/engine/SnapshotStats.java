package dev.aiosim.inference.engine;

/**
 * Running totals of an engine's context snapshots: bytes and wall time copied to host and back,
 * and tokens scheduled for recompute, so that swap bandwidth (MiB/s) can be measured on the real
 * engine rather than assumed from a PCIe figure.
 */
public final class SnapshotStats {
    private long outBytes;
    private long outNanos;
    private long inBytes;
    private long inNanos;
    private long recomputeTokens;

    void swappedOut(long bytes, long nanos) {
        outBytes += bytes;
        outNanos += nanos;
    }

    void swappedIn(long bytes, long nanos) {
        inBytes += bytes;
        inNanos += nanos;
    }

    void recomputing(long tokens) {
        recomputeTokens += tokens;
    }

    public long outBytes() { return outBytes; }
    public long outNanos() { return outNanos; }
    public long inBytes() { return inBytes; }
    public long inNanos() { return inNanos; }
    public long recomputeTokens() { return recomputeTokens; }

    /** Bytes per second of snapshots taken (0 before the first). */
    public double outMibPerSec() {
        return outNanos == 0 ? 0 : outBytes / (1024.0 * 1024) / (outNanos / 1e9);
    }

    /** Bytes per second of snapshots restored (0 before the first). */
    public double inMibPerSec() {
        return inNanos == 0 ? 0 : inBytes / (1024.0 * 1024) / (inNanos / 1e9);
    }
}
