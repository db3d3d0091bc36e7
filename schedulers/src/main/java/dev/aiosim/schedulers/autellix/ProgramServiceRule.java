package dev.aiosim.schedulers.autellix;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.schedulers.Params;
import dev.aiosim.schedulers.levels.LevelRule;
import dev.aiosim.schedulers.levels.LevelState;
import dev.aiosim.schedulers.levels.MultiLevelScheduler;
import java.util.List;
import java.util.Map;

/**
 * Autellix's discretised program-level attained service (Luo et al., 2025, §4). A call's priority
 * is the engine time its program has already received, plus the call's own service so far: for
 * {@link Basis#PROGRAM PLAS} the service of all the agent's completed LLM calls on every engine
 * ({@link CallView#agentServiceNanos()}), for {@link Basis#CRITICAL_PATH ATLAS} the service along
 * the longest chain of its earlier calls, where the calls of a fan-out count as their longest one
 * ({@link CallView#agentCriticalPathNanos()}). Queue k holds priorities in {@code [hi(k-1), hi(k))}
 * with {@code hi(k) = first x growth^k} (the last queue unbounded): a call enters the queue of its
 * program's service and goes down as it is served. Anti-starvation: a waiting call whose program
 * has waited {@code beta} times its service ({@code W / T >= beta}, W = queueing of the program's
 * completed calls plus this call's waits so far, T = their service plus this call's) goes to the
 * top queue, and from then on is placed by its own service since that promotion only. The queue
 * bounds are computed once; placing a call is a scan of at most {@code queues} longs.
 */
public final class ProgramServiceRule implements LevelRule {
    /** What a program's attained service is. */
    public enum Basis {
        /** PLAS: every completed call of the program. */
        PROGRAM,
        /** ATLAS: the critical path through the program's completed calls and fan-outs. */
        CRITICAL_PATH
    }

    static final int DEFAULT_QUEUES = 8;
    static final long DEFAULT_FIRST = 1_000_000_000L;
    static final double DEFAULT_GROWTH = 2;
    static final double DEFAULT_BETA = 16;

    /** The parameters of {@code plas} and {@code atlas}. */
    static final List<PolicyParameter> PARAMETERS = List.of(
            PolicyParameter.of("queues", "number of priority queues, 1 to 64 (the last unbounded); default " + DEFAULT_QUEUES, "2"),
            PolicyParameter.of("first", "attained service (engine time) at which a program leaves the top queue (1s, 200ms);"
                    + " default 1s", "3ms"),
            PolicyParameter.of("growth", "ratio of a queue's upper bound to the one above, 1 to 1000; default 2", "4"),
            PolicyParameter.of("beta", "anti-starvation: a waiting call goes to the top queue once its program waited beta"
                    + " times its service, > 0, or 'off'; default " + (int) DEFAULT_BETA, "1", "off"));

    private final Basis basis;
    private final int queues;
    private final double beta;
    private final long[] uppers;

    /**
     * @param basis PLAS or ATLAS
     * @param queues number of queues, 1 to 64
     * @param firstNanos upper bound of the top queue, > 0
     * @param growth ratio of consecutive bounds, >= 1
     * @param beta anti-starvation ratio, > 0; {@link Double#POSITIVE_INFINITY} for none
     */
    public ProgramServiceRule(Basis basis, int queues, long firstNanos, double growth, double beta) {
        if (basis == null || queues < 1 || queues > MultiLevelScheduler.MAX_LEVELS || firstNanos <= 0 || !(growth >= 1)
                || Double.isInfinite(growth) || !(beta > 0)) {
            throw new IllegalArgumentException("expected a basis, 1-64 queues, first > 0, growth >= 1 and beta > 0; got "
                    + basis + ", " + queues + ", " + firstNanos + ", " + growth + ", " + beta);
        }
        this.basis = basis;
        this.queues = queues;
        this.beta = beta;
        this.uppers = new long[queues];
        for (int k = 0; k < queues; k++) {
            double q = firstNanos * Math.pow(growth, k);
            uppers[k] = k == queues - 1 || q >= 0x1p63 ? Long.MAX_VALUE : (long) q;
        }
    }

    public Basis basis() {
        return basis;
    }

    public double beta() {
        return beta;
    }

    /** Reads the parameters of {@code policy}; errors name the parameter and what was expected. */
    static ProgramServiceRule parse(String policy, Basis basis, Map<String, String> params) {
        int queues = Params.whole(policy, params, "queues", DEFAULT_QUEUES, 1, MultiLevelScheduler.MAX_LEVELS);
        long first = Params.duration(policy, params, "first", DEFAULT_FIRST);
        double growth = Params.number(policy, params, "growth", DEFAULT_GROWTH, 1, 1000);
        String b = params.get("beta");
        double beta = b != null && b.trim().equals("off") ? Double.POSITIVE_INFINITY
                : Params.number(policy, params, "beta", DEFAULT_BETA, 1e-3, 1e6);
        return new ProgramServiceRule(basis, queues, first, growth, beta);
    }

    @Override
    public int levels() {
        return queues;
    }

    /** Upper bound (exclusive) of queue k's priorities; {@link Long#MAX_VALUE} for the last queue. */
    public long upper(int k) {
        return k >= queues - 1 ? Long.MAX_VALUE : uppers[k];
    }

    /** The queue of priority {@code attained}. */
    public int queueOf(long attained) {
        int k = 0;
        while (attained >= uppers[k]) {
            k++;
        }
        return k;
    }

    /** The program's service before this call, by the basis. */
    private long programService(CallView call) {
        return basis == Basis.PROGRAM ? call.agentServiceNanos() : call.agentCriticalPathNanos();
    }

    /** The call's priority: its program's service (not after a promotion) plus its own since any promotion. */
    public long attained(CallView call, LevelState s) {
        long own = s.servedNanos() - s.forgivenNanos();
        return s.forgiven() ? own : saturatedSum(programService(call), own);
    }

    @Override
    public int entryLevel(CallView call, EngineView engine) {
        return queueOf(programService(call));
    }

    @Override
    public void served(CallView call, LevelState s) {
        int k = queueOf(attained(call, s));
        if (k > s.level()) {
            s.level(k);
        }
    }

    @Override
    public long promoteAt(CallView call, LevelState s, long now) {
        if (beta == Double.POSITIVE_INFINITY) {
            return Long.MAX_VALUE;
        }
        long service = saturatedSum(call.agentServiceNanos(), s.servedNanos());
        if (service == 0) {
            return Long.MAX_VALUE;
        }
        double due = beta * service - (call.agentQueuedNanos() + s.waitedNanos());
        if (due <= 0) {
            return now;
        }
        double at = now + Math.ceil(due);
        return at >= 0x1p63 ? Long.MAX_VALUE : (long) at;
    }

    private static long saturatedSum(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
