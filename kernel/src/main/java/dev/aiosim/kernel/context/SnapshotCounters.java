package dev.aiosim.kernel.context;

/** Running totals of the context manager, per engine or summed over a cluster. */
public final class SnapshotCounters {
    long snapshots;
    long swapOuts;
    long swapIns;
    long bytesOut;
    long bytesIn;
    long recomputes;
    long recomputedTokens;
    long swapFallbacks;

    /** Snapshots taken (every preemption takes one). */
    public long snapshots() {
        return snapshots;
    }

    public long swapOuts() {
        return swapOuts;
    }

    public long swapIns() {
        return swapIns;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long bytesIn() {
        return bytesIn;
    }

    /** Resumes that re-prefilled their context. */
    public long recomputes() {
        return recomputes;
    }

    public long recomputedTokens() {
        return recomputedTokens;
    }

    /** Swap preemptions that became recompute because host swap space was full. */
    public long swapFallbacks() {
        return swapFallbacks;
    }

    public void addTo(SnapshotCounters total) {
        total.snapshots += snapshots;
        total.swapOuts += swapOuts;
        total.swapIns += swapIns;
        total.bytesOut += bytesOut;
        total.bytesIn += bytesIn;
        total.recomputes += recomputes;
        total.recomputedTokens += recomputedTokens;
        total.swapFallbacks += swapFallbacks;
    }
}
