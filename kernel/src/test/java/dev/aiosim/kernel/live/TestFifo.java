package dev.aiosim.kernel.live;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.ArrayDeque;

/** A plain FIFO policy for kernel-module tests (the real policies live in the schedulers module). */
final class TestFifo implements Scheduler {
    private final ArrayDeque<CallView> q = new ArrayDeque<>();

    @Override public String name() { return "test-fifo"; }
    @Override public void enqueue(CallView c, long now) { q.addLast(c); }
    @Override public void requeue(CallView c, long now) { q.addFirst(c); }
    @Override public int queued() { return q.size(); }
    @Override public boolean remove(CallView c, long now) { return q.remove(c); }

    @Override
    public void decide(EngineView engine, long now, Decision d) {
        CallView head;
        while ((head = q.peekFirst()) != null && d.canAdmit(head)) {
            d.admit(q.pollFirst());
        }
    }
}
