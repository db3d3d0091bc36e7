package dev.aiosim.schedulers.levels;

import dev.aiosim.kernel.scheduler.CallView;

/**
 * A multi-level policy's record of one call it holds (queued or running): its level, the service
 * the {@link LevelRule} counts, and its links in its level's list and in the promotion heap. Only
 * this package and the rules change it.
 */
public final class LevelState {
    final CallView call;
    /** The level, 0 (the top) to levels - 1. */
    int level;
    /** Engine time in a slot so far (all admissions). */
    long servedNanos;
    /** Engine time in a slot since it entered its current level (MLFQ's quantum use). */
    long levelNanos;
    /** Service a promotion forgave: the rule places the call by its service minus this. */
    long forgivenNanos;
    /** Whether it was ever promoted (a rule may then ignore what it knew before, e.g. the program's service). */
    boolean forgiven;
    /** Time it waited in the queue over its earlier admissions. */
    long waitedNanos;
    /** While running: the time up to which its service is counted. */
    long countedTo;
    /** While queued: when it is promoted to the top, {@link Long#MAX_VALUE} for never. */
    long promoteAt = Long.MAX_VALUE;
    int heapIndex = -1;
    boolean queued;
    LevelState prev;
    LevelState next;

    LevelState(CallView call) {
        this.call = call;
    }

    public CallView call() {
        return call;
    }

    public int level() {
        return level;
    }

    /** Sets the level; rules call it from {@link LevelRule#served} and {@link LevelRule#promoted}. */
    public void level(int level) {
        if (level != this.level) {
            this.level = level;
            levelNanos = 0;
        }
    }

    public long servedNanos() {
        return servedNanos;
    }

    public long levelNanos() {
        return levelNanos;
    }

    public long forgivenNanos() {
        return forgivenNanos;
    }

    /** Forgives the service so far (a promotion): the rule then places the call as if it had none. */
    public void forgive() {
        forgivenNanos = servedNanos;
        forgiven = true;
    }

    /** Whether a promotion has forgiven it. */
    public boolean forgiven() {
        return forgiven;
    }

    public long waitedNanos() {
        return waitedNanos;
    }

    @Override
    public String toString() {
        return "call " + call.id() + " at level " + level;
    }
}
