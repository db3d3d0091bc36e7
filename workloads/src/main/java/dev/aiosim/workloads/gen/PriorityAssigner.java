package dev.aiosim.workloads.gen;

import dev.aiosim.workloads.PriorityShare;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gives each of N agents, in pid order, a priority such that each class gets an exact count and
 * every assignment with those counts is equally likely (sequential sampling without replacement:
 * agent i joins class c with probability remaining(c) / remaining agents). Constant memory, so
 * agents can still be generated lazily.
 *
 * <p>Counts: with cumulative shares S0 = 0, Sk = s1 + ... + sk, class k gets
 * {@code round(Sk*N) - round(S(k-1)*N)} agents and priority 0 gets the rest; the counts always
 * add up to N.
 */
public final class PriorityAssigner {
    private final int[] levels;
    private final long[] remaining;
    private long remainingTotal;
    private final SplittableRandom random;

    /**
     * @param agents N
     * @param shares the classes (null or empty: everyone at priority 0)
     * @param random the priority stream
     */
    public PriorityAssigner(long agents, List<PriorityShare> shares, SplittableRandom random) {
        int k = shares == null ? 0 : shares.size();
        levels = new int[k + 1];
        remaining = new long[k + 1];
        double cum = 0;
        long assigned = 0;
        for (int i = 0; i < k; i++) {
            cum += shares.get(i).share();
            long upTo = Math.min(agents, Math.round(cum * agents));
            levels[i] = shares.get(i).priority();
            remaining[i] = Math.max(0, upTo - assigned);
            assigned += remaining[i];
        }
        levels[k] = 0;
        remaining[k] = agents - assigned;
        remainingTotal = agents;
        this.random = random;
    }

    /** Number of agents that will get class {@code i}'s priority (the last index is priority 0). */
    public long count(int i) {
        return remaining[i];
    }

    /** The next agent's priority. */
    public int next() {
        if (remainingTotal == 0) {
            throw new IllegalStateException("all agents already have a priority");
        }
        long r = random.nextLong(remainingTotal);
        int c = 0;
        while (r >= remaining[c]) {
            r -= remaining[c];
            c++;
        }
        remaining[c]--;
        remainingTotal--;
        return levels[c];
    }
}
