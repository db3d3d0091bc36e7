package dev.aiosim.kernel.testing;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.ArrayDeque;

/**
 * The one test policy: a plain queue (new calls at the tail, preempted ones back at the head,
 * cancellable) whose decision is a {@link Rule} the test picks, so that kernel, workload and
 * benchmark tests need no policy of their own. The real policies live in the schedulers module.
 */
public final class TestPolicy implements Scheduler {
    /** What one decision does with the policy's queue. */
    @FunctionalInterface
    public interface Rule {
        void decide(ArrayDeque<CallView> queue, EngineView engine, Decision decision);
    }

    /** Admits from the head while slots and KV allow; never preempts. */
    public static final Rule FIFO = (q, engine, d) -> {
        while (!q.isEmpty() && d.canAdmit(q.peekFirst())) {
            d.admit(q.pollFirst());
        }
    };

    /** Admits from the tail while slots and KV allow; never preempts. */
    public static final Rule LIFO = (q, engine, d) -> {
        while (!q.isEmpty() && d.canAdmit(q.peekLast())) {
            d.admit(q.pollLast());
        }
    };

    /** Admits nothing: a policy that breaks the contract by leaving slots idle. */
    public static final Rule IDLE = (q, engine, d) -> { };

    private final PolicyInfo info;
    private final Rule rule;
    private final ArrayDeque<CallView> queue = new ArrayDeque<>();

    public TestPolicy(PolicyInfo info, Rule rule) {
        this.info = info;
        this.rule = rule;
    }

    /** A non-clairvoyant test policy of this name. */
    public TestPolicy(String name, Rule rule) {
        this(PolicyInfo.of(name, "a test policy"), rule);
    }

    /** A FIFO test policy named {@code test-fifo}. */
    public static TestPolicy fifo() {
        return new TestPolicy("test-fifo", FIFO);
    }

    /** A LIFO test policy named {@code test-lifo}. */
    public static TestPolicy lifo() {
        return new TestPolicy("test-lifo", LIFO);
    }

    @Override
    public PolicyInfo info() {
        return info;
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
        rule.decide(queue, engine, decision);
    }
}
