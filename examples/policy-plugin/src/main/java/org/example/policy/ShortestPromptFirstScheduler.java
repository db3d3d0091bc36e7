package org.example.policy;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Shortest prompt first: whenever a slot is free, the waiting call with the fewest prompt tokens
 * is admitted (earlier submission, then lower call id, breaks ties), and it runs to completion.
 * The prompt length is known at submission, so unlike shortest-job-first by output length this
 * needs no oracle. It favours short calls, so a long prompt can wait for as long as shorter ones
 * keep arriving; it preempts only when the KV pool runs out (the kernel then asks
 * {@link #victim}, by default the most recently admitted call).
 *
 * <p>Cost: O(log n) per enqueue and admission in the n queued calls; {@link #remove} is O(n).
 */
public final class ShortestPromptFirstScheduler implements Scheduler {
    private static final Comparator<CallView> ORDER = Comparator.comparingInt(CallView::promptTokens)
            .thenComparingLong(CallView::submittedAt)
            .thenComparingLong(CallView::id);

    private final PriorityQueue<CallView> queue = new PriorityQueue<>(ORDER);

    @Override
    public PolicyInfo info() {
        return ShortestPromptFirstProvider.INFO;
    }

    @Override
    public void enqueue(CallView call, long now) {
        queue.add(call);
    }

    @Override
    public void requeue(CallView call, long now) {
        // a call preempted for KV keeps its place: its prompt length did not change
        queue.add(call);
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
        // admit the shortest prompts while slots and KV allow; stop at the first that does not
        // fit (the calls behind it have longer prompts). Only queued calls may be admitted, and
        // each must leave this policy's queue as it is admitted.
        CallView head;
        while ((head = queue.peek()) != null && decision.canAdmit(head)) {
            decision.admit(queue.poll());
        }
    }
}
