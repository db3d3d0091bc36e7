package dev.aiosim.schedulers.fifo;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.ArrayDeque;

/**
 * FIFO as in AIOS's FIFO scheduler and vLLM's default: calls are admitted strictly in arrival
 * order while slots and KV allow (the head blocks the rest, no skipping), run to completion, and
 * are preempted only when the KV pool runs out, after which they go back to the head of the
 * queue so that arrival order is kept.
 */
public final class FifoScheduler implements Scheduler {
    private final ArrayDeque<CallView> queue = new ArrayDeque<>();

    @Override
    public PolicyInfo info() {
        return FifoProvider.INFO;
    }

    @Override
    public void enqueue(CallView call, long now) {
        queue.addLast(call);
    }

    @Override
    public void requeue(CallView call, long now) {
        queue.addFirst(call);
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
        CallView head;
        while ((head = queue.peekFirst()) != null && decision.canAdmit(head)) {
            decision.admit(queue.pollFirst());
        }
    }
}
