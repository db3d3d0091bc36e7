package dev.aiosim.schedulers.rr;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Round-robin as in AIOS's RR scheduler (Mei et al., "AIOS: LLM Agent Operating System",
 * arXiv:2403.16971): each admitted call runs for a quantum; when it expires and others are
 * waiting, the call is preempted (its context snapshotted) and queued at the tail. aiosim counts
 * the quantum in tokens or virtual time and checks it at step boundaries. "Others waiting" means
 * calls that do not fit in the free slots and KV: waiters are first admitted into what is free,
 * and only then are expired calls preempted, at most as many as calls still wait, oldest
 * admission first, so that a lone waiter does not evict a whole batch.
 *
 * <p>Thrash guard ({@code min-tokens}, off by default): a time quantum counts from admission, so
 * it includes the step that restores the call (with recompute, a re-prefill of its context and of
 * every call admitted with it). When that step is longer than the quantum, every admission yields
 * one token and pays a whole re-prefill (paper-notes/rr-thrash.md). With {@code min-tokens: N}
 * an expired call is not preempted before it has generated N tokens since its admission, which
 * bounds the waste to one restore per N tokens.
 *
 * <p>Progress guard (always on): a call is never preempted by its quantum before it has produced
 * a token since its admission. Under whole-prompt packing ({@code orca}) every admission yields a
 * token before the next decision anyway; under a chunked packing a time quantum shorter than a
 * call's chunked prefill would otherwise preempt it before its first token on every admission and,
 * with recompute, restart it from zero forever.
 */
public final class RoundRobinScheduler implements Scheduler {
    private final Quantum quantum;
    private final int minTokens;
    private final ArrayDeque<CallView> queue = new ArrayDeque<>();

    public RoundRobinScheduler(Quantum quantum) {
        this(quantum, 0);
    }

    /** @param minTokens tokens an expired call generates after each admission before it may be preempted, >= 0 */
    public RoundRobinScheduler(Quantum quantum, int minTokens) {
        if (minTokens < 0) {
            throw new IllegalArgumentException("min-tokens must be >= 0, got " + minTokens);
        }
        this.quantum = quantum;
        this.minTokens = minTokens;
    }

    @Override
    public PolicyInfo info() {
        return RoundRobinProvider.INFO;
    }

    @Override
    public void enqueue(CallView call, long now) {
        queue.addLast(call);
    }

    @Override
    public void requeue(CallView call, long now) {
        queue.addLast(call);
    }

    @Override
    public boolean remove(CallView call, long now) {
        return queue.remove(call);
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public void decide(EngineView engine, long now, Decision decision) {
        admitHead(decision);
        int waiting = queue.size();
        if (waiting == 0) {
            return;
        }
        // only calls that did not fit in the free slots and KV make expired calls give way
        List<? extends CallView> running = engine.running();
        int preempted = 0;
        for (int i = 0; i < running.size() && preempted < waiting; i++) {
            CallView c = running.get(i);
            if (c.tokensSinceAdmitted() >= Math.max(minTokens, 1) && quantum.expired(c, now)) {
                decision.preempt(c);
                preempted++;
            }
        }
        admitHead(decision);
    }

    private void admitHead(Decision decision) {
        CallView head;
        while ((head = queue.peekFirst()) != null && decision.canAdmit(head)) {
            decision.admit(queue.pollFirst());
        }
    }
}
