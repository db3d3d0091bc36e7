package dev.aiosim.schedulers.levels;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.EngineView;

/**
 * What makes a {@link MultiLevelScheduler} one policy or another: where a new call enters, when a
 * running call goes down a level, and when a waiting call has starved long enough to go to the top.
 */
public interface LevelRule {
    /** Number of levels, 1 to {@link MultiLevelScheduler#MAX_LEVELS}; 0 is the top. */
    int levels();

    /** The level of a call that joins the queue for the first time. */
    int entryLevel(CallView call, EngineView engine);

    /**
     * A running (or just preempted) call was served more: {@code s.servedNanos()} and
     * {@code s.levelNanos()} already include it. Demote it with {@link LevelState#level(int)}.
     */
    void served(CallView call, LevelState s);

    /**
     * When a call that (re)joins the queue at {@code now} below the top is promoted to the top if
     * it is still waiting; {@link Long#MAX_VALUE} for never.
     */
    long promoteAt(CallView call, LevelState s, long now);

    /** The call starved and goes to the top: the rule resets what it counts. Level 0 is set by the caller. */
    default void promoted(LevelState s) {
        s.forgive();
    }
}
