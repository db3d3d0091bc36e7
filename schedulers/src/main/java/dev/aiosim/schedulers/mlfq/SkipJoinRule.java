package dev.aiosim.schedulers.mlfq;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.schedulers.levels.LevelRule;
import dev.aiosim.schedulers.levels.LevelState;

/**
 * FastServe's skip-join MLFQ rule. Level k's quantum is {@code quantum x growth^k} of engine time
 * (the last level has no limit). A new call skips the levels whose quantum is shorter than its
 * first iteration, i.e. its prefill alone on the engine ({@link EngineView#prefillNanos}): it
 * joins the highest level whose quantum covers it. A call that has used up its level's quantum
 * (engine time in a slot since it entered the level) goes one level down, at a step boundary. A
 * call that has waited {@code starvation} since it last ran (or was submitted) goes to the top.
 *
 * <p>The quanta are computed once; a decision reads them from an array.
 */
public final class SkipJoinRule implements LevelRule {
    private final int levels;
    private final long starvationNanos;
    private final long[] quanta;

    /**
     * @param levels number of levels, 1 to 64
     * @param quantumNanos the top level's quantum, > 0
     * @param growth ratio of consecutive quanta, >= 1
     * @param starvationNanos wait after which a call is promoted to the top, > 0
     */
    public SkipJoinRule(int levels, long quantumNanos, double growth, long starvationNanos) {
        if (levels < 1 || levels > 64 || quantumNanos <= 0 || !(growth >= 1) || Double.isInfinite(growth) || starvationNanos <= 0) {
            throw new IllegalArgumentException("expected 1-64 levels, a quantum > 0, growth >= 1 and a starvation time > 0; got "
                    + levels + ", " + quantumNanos + ", " + growth + ", " + starvationNanos);
        }
        this.levels = levels;
        this.starvationNanos = starvationNanos;
        this.quanta = new long[levels];
        for (int k = 0; k < levels; k++) {
            double q = quantumNanos * Math.pow(growth, k);
            quanta[k] = k == levels - 1 || q >= 0x1p63 ? Long.MAX_VALUE : (long) q;
        }
    }

    @Override
    public int levels() {
        return levels;
    }

    /** Level k's quantum in nanoseconds; {@link Long#MAX_VALUE} for the last level (and on overflow). */
    public long quantum(int k) {
        return k >= levels - 1 ? Long.MAX_VALUE : quanta[k];
    }

    @Override
    public int entryLevel(CallView call, EngineView engine) {
        long prefill = engine.prefillNanos(call.promptTokens());
        int k = 0;
        while (quantum(k) < prefill) {
            k++;
        }
        return k;
    }

    @Override
    public void served(CallView call, LevelState s) {
        if (s.levelNanos() >= quantum(s.level())) {
            s.level(s.level() + 1); // FastServe demotes one level and restarts the count
        }
    }

    @Override
    public long promoteAt(CallView call, LevelState s, long now) {
        long at = call.enqueuedAt() + starvationNanos;
        return at < call.enqueuedAt() ? Long.MAX_VALUE : at;
    }
}
