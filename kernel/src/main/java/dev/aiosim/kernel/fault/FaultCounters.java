package dev.aiosim.kernel.fault;

/**
 * What the faults of one run did, for the summary: crashes and restarts, engine downtime, calls
 * that lost their KV and how they were recovered, failed LLM and tool calls, tool retries.
 */
public final class FaultCounters {
    public long crashes;
    public long restarts;
    public long downNanos;
    /** LLM calls (running or queued with their KV or snapshot) that lost their state in a crash. */
    public long callsLost;
    /** Calls moved to another engine after a crash. */
    public long redispatched;
    /** Calls that lost their state in a crash and later completed. */
    public long recovered;
    public long snapshotsLost;
    public long snapshotBytesLost;
    public long llmFailed;
    public long toolAttemptsFailed;
    public long toolRetries;
    public long toolFailed;
    private long[] downSince = new long[0];

    /** Engine {@code e} went down at {@code now}. */
    public void down(int e, long now) {
        if (e >= downSince.length) {
            long[] d = java.util.Arrays.copyOf(downSince, e + 1);
            java.util.Arrays.fill(d, downSince.length, d.length, -1);
            downSince = d;
        }
        downSince[e] = now;
        crashes++;
    }

    /** Engine {@code e} came back at {@code now}. */
    public void up(int e, long now) {
        downNanos += now - downSince[e];
        downSince[e] = -1;
        restarts++;
    }

    /** The run ends at {@code now}: engines still down count their downtime until then. */
    public void close(long now) {
        for (int e = 0; e < downSince.length; e++) {
            if (downSince[e] >= 0) {
                downNanos += Math.max(0, now - downSince[e]);
                downSince[e] = -1;
            }
        }
    }
}
