package dev.aiosim.schedulers.priority;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Preemptive priority scheduling by the issuing agent's priority (larger is more important),
 * FIFO within a level. AIOS carries a priority field but never uses it; this policy is what a
 * researcher would expect it to do.
 *
 * <p>When the best waiting call cannot be admitted, running calls of strictly lower priority are
 * preempted (lowest first, most recently admitted first among equals), but only if that frees
 * enough slots and KV. With {@code aging}, a waiting call gains one level per aging interval
 * spent in the queue when the queue is ordered, so nothing starves: a long-waiting call takes the
 * next free slot ahead of fresher, higher-priority ones. Aging orders the queue only; preemption
 * compares base priorities, so an aged call never evicts a running one and two calls cannot evict
 * each other step after step. Preempted calls go back to the head of their level. A decision
 * costs O(levels + batch).
 */
public final class PriorityScheduler implements Scheduler {
    private final long agingNanos;
    private final TreeMap<Integer, ArrayDeque<CallView>> levels = new TreeMap<>();
    private final ArrayList<CallView> victims = new ArrayList<>();
    private int size;

    /** @param agingNanos one priority level gained per this much waiting; 0 disables aging */
    public PriorityScheduler(long agingNanos) {
        this.agingNanos = agingNanos;
    }

    @Override
    public PolicyInfo info() {
        return PriorityProvider.INFO;
    }

    @Override
    public void enqueue(CallView call, long now) {
        levels.computeIfAbsent(call.priority(), p -> new ArrayDeque<>()).addLast(call);
        size++;
    }

    @Override
    public void requeue(CallView call, long now) {
        levels.computeIfAbsent(call.priority(), p -> new ArrayDeque<>()).addFirst(call);
        size++;
    }

    @Override
    public boolean remove(CallView call, long now) {
        ArrayDeque<CallView> level = levels.get(call.priority());
        if (level == null || !level.remove(call)) {
            return false;
        }
        size--;
        return true;
    }

    @Override
    public int queued() {
        return size;
    }

    private long waitingPriority(CallView c, long now) {
        return agingNanos == 0 ? c.priority() : c.priority() + (now - c.enqueuedAt()) / agingNanos;
    }


    /**
     * The level whose head has the highest effective priority; ties go to the earlier enqueue.
     * Levels stay in the map when they empty (no allocation per decision) and are skipped here.
     */
    private ArrayDeque<CallView> bestLevel(long now) {
        ArrayDeque<CallView> best = null;
        long bestPrio = Long.MIN_VALUE;
        for (ArrayDeque<CallView> q : levels.descendingMap().values()) {
            CallView head = q.peekFirst();
            if (head == null) {
                continue;
            }
            long p = waitingPriority(head, now);
            if (best == null || p > bestPrio || p == bestPrio && head.enqueuedAt() < best.peekFirst().enqueuedAt()) {
                best = q;
                bestPrio = p;
            }
            if (agingNanos == 0) {
                break; // without aging the highest non-empty level always wins
            }
        }
        return best;
    }

    @Override
    public void decide(EngineView engine, long now, Decision decision) {
        while (size > 0) {
            ArrayDeque<CallView> level = bestLevel(now);
            CallView candidate = level.peekFirst();
            if (!decision.canAdmit(candidate) && !makeRoom(engine, decision, candidate)) {
                return;
            }
            level.pollFirst();
            size--;
            decision.admit(candidate);
        }
    }

    /** Preempts lower-priority running calls if, and only if, that lets {@code candidate} in. */
    private boolean makeRoom(EngineView engine, Decision decision, CallView candidate) {
        victims.clear();
        List<? extends CallView> running = engine.running();
        for (int i = running.size() - 1; i >= 0; i--) {
            CallView r = running.get(i);
            if (r.priority() < candidate.priority() && !decision.preempts(r)) {
                victims.add(r);
            }
        }
        if (victims.isEmpty()) {
            return false;
        }
        // lowest priority first; among equals the most recently admitted (stable sort keeps that order)
        victims.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        int slots = decision.slotsLeft();
        long kv = decision.kvLeft();
        long need = engine.kvNeeded(candidate);
        int take = 0;
        while (take < victims.size() && (slots < 1 || kv < need)) {
            CallView v = victims.get(take++);
            slots++;
            kv += engine.kvNeeded(v);
        }
        if (slots < 1 || kv < need) {
            return false;
        }
        for (int i = 0; i < take; i++) {
            decision.preempt(victims.get(i));
        }
        return true;
    }

    @Override
    public CallView victim(EngineView engine, long now) {
        CallView worst = null;
        for (CallView r : engine.running()) {
            if (worst == null || r.priority() <= worst.priority()) {
                worst = r;
            }
        }
        return worst;
    }

    /** Calls waiting per priority level, for tests and reports. */
    public Map<Integer, Integer> queuedByLevel() {
        Map<Integer, Integer> m = new TreeMap<>();
        levels.forEach((p, q) -> {
            if (!q.isEmpty()) {
                m.put(p, q.size());
            }
        });
        return m;
    }
}
