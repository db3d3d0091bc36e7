package dev.aiosim.kernel.context;

/**
 * Takes and restores context snapshots for one engine and accounts for its bounded host swap
 * space. It decides nothing about who is preempted; it only carries out the mechanics and
 * reports the bytes each transfer moves, which the kernel adds to the step's duration.
 */
public final class ContextManager {
    private final PreemptionMode mode;
    private final long kvBytesPerToken;
    private final long hostSwapBytes;
    private final SnapshotCounters counters = new SnapshotCounters();
    private long hostUsedBytes;

    public ContextManager(PreemptionMode mode, long kvBytesPerToken, long hostSwapBytes) {
        this.mode = mode;
        this.kvBytesPerToken = kvBytesPerToken;
        this.hostSwapBytes = hostSwapBytes;
    }

    /**
     * Snapshots a call being preempted with {@code contextTokens} of KV. In swap mode the bytes go
     * to host memory if they fit, otherwise the snapshot falls back to recompute (counted).
     */
    public ContextSnapshot take(long callId, int contextTokens, long now) {
        return take(callId, contextTokens, contextTokens, now);
    }

    /**
     * Snapshots a call whose context has {@code contextTokens} tokens of which only
     * {@code swapTokens} are its own KV (the rest sits in shared prefix-cache blocks, which are not
     * copied: they stay in the cache, or are recomputed on resume if evicted meanwhile).
     */
    public ContextSnapshot take(long callId, int contextTokens, long swapTokens, long now) {
        counters.snapshots++;
        if (mode == PreemptionMode.SWAP) {
            long bytes = swapTokens * kvBytesPerToken;
            if (hostUsedBytes + bytes <= hostSwapBytes) {
                hostUsedBytes += bytes;
                counters.swapOuts++;
                counters.bytesOut += bytes;
                return new ContextSnapshot(callId, contextTokens, PreemptionMode.SWAP, bytes, now);
            }
            counters.swapFallbacks++;
        }
        return new ContextSnapshot(callId, contextTokens, PreemptionMode.RECOMPUTE, 0, now);
    }

    /**
     * Restores a snapshot on resume. Returns the bytes swapped in (0 for recompute); for a
     * recompute snapshot the caller prefills {@link ContextSnapshot#contextTokens()} again.
     */
    public long restore(ContextSnapshot s) {
        return restore(s, s.mode() == PreemptionMode.SWAP ? 0 : s.contextTokens());
    }

    /**
     * Restores a snapshot whose resume prefills {@code recomputedTokens} again: for a recompute
     * snapshot, the context less what the prefix cache still holds; for a swap snapshot, the
     * shared blocks evicted while it waited. Returns the bytes swapped in.
     */
    public long restore(ContextSnapshot s, long recomputedTokens) {
        counters.recomputedTokens += recomputedTokens;
        if (s.mode() == PreemptionMode.SWAP) {
            hostUsedBytes -= s.bytes();
            counters.swapIns++;
            counters.bytesIn += s.bytes();
            return s.bytes();
        }
        counters.recomputes++;
        return 0;
    }

    /** Drops a swapped snapshot without restoring it (its call ended unfinished or was cancelled). */
    public void discard(ContextSnapshot s) {
        if (s.mode() == PreemptionMode.SWAP) {
            hostUsedBytes -= s.bytes();
        }
    }

    public long hostUsedBytes() {
        return hostUsedBytes;
    }

    public long hostSwapBytes() {
        return hostSwapBytes;
    }

    public PreemptionMode mode() {
        return mode;
    }

    public SnapshotCounters counters() {
        return counters;
    }
}
