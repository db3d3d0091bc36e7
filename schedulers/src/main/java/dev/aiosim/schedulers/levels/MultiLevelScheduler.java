package dev.aiosim.schedulers.levels;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * A preemptive multi-level feedback queue at step granularity, the common core of FastServe's
 * skip-join MLFQ (Wu et al., 2023) and Autellix's PLAS and ATLAS (Luo et al., 2025); a
 * {@link LevelRule} makes it one or the other. Level 0 is the top; within a level, calls wait in
 * the order they (re)joined it. At every decision:
 *
 * <ol>
 *   <li>calls submitted since the last decision get their entry level from the rule (it may ask
 *       the engine, e.g. for a prefill time, which {@link #enqueue} has no access to);</li>
 *   <li>every running call is charged the engine time since it was last counted, and the rule may
 *       demote it;</li>
 *   <li>waiting calls whose promotion time has come go to the tail of the top level;</li>
 *   <li>the first call of the highest non-empty level is admitted while it fits; if it does not,
 *       running calls of strictly lower levels are preempted for it (lowest level first, the most
 *       recently admitted among equals) if, and only if, that makes room; otherwise nothing more is
 *       admitted (no skipping).</li>
 * </ol>
 *
 * A preempted call keeps its level and what the rule counted, and goes back through
 * {@link #requeue} to the tail of its level; whether its KV is swapped to host memory or
 * recomputed is the context manager's business (the spec's {@code preemption} mode), not the
 * policy's. The KV victim is the running call of the lowest level (the most recently admitted
 * among equals). A decision costs O(1) per admission and per level change, O(log n) per promotion
 * and per admission of a call with a pending promotion, plus O(batch) to charge the running calls
 * and O(batch log batch) when it searches for calls to preempt; n is the number of queued calls.
 */
public final class MultiLevelScheduler implements Scheduler {
    /** The most levels a rule may have (one bit each in a {@code long}). */
    public static final int MAX_LEVELS = 64;

    private final PolicyInfo info;
    private final LevelRule rule;
    private final LevelLists lists;
    private final PromotionHeap promotions = new PromotionHeap();
    private final ArrayDeque<CallView> arrived = new ArrayDeque<>();
    private final IdentityHashMap<CallView, LevelState> states = new IdentityHashMap<>();
    private long[] order = new long[16];
    /** Running calls per level, and a bit per level that has any: makeRoom sees at once whether a lower level runs. */
    private final int[] runningAt;
    private long runningMask;

    public MultiLevelScheduler(PolicyInfo info, LevelRule rule) {
        int levels = rule.levels();
        if (levels < 1 || levels > MAX_LEVELS) {
            throw new IllegalArgumentException("expected 1 to " + MAX_LEVELS + " levels, got " + levels);
        }
        this.info = info;
        this.rule = rule;
        this.lists = new LevelLists(levels);
        this.runningAt = new int[levels];
    }

    private void running(int level, int delta) {
        runningAt[level] += delta;
        if (runningAt[level] == 0) {
            runningMask &= ~(1L << level);
        } else {
            runningMask |= 1L << level;
        }
    }

    @Override
    public PolicyInfo info() {
        return info;
    }

    @Override
    public void enqueue(CallView call, long now) {
        arrived.addLast(call);
    }

    @Override
    public void requeue(CallView call, long now) {
        LevelState s = states.get(call);
        if (s == null) { // never admitted by this instance: treat as new
            arrived.addLast(call);
            return;
        }
        charge(s, now);
        running(s.level, -1);
        join(s, now);
    }

    @Override
    public boolean remove(CallView call, long now) {
        LevelState s = states.get(call);
        if (s == null) {
            return arrived.remove(call);
        }
        if (!s.queued) {
            return false;
        }
        lists.remove(s);
        promotions.remove(s);
        s.queued = false;
        states.remove(call);
        return true;
    }

    @Override
    public void completed(CallView call, long now) {
        LevelState s = states.remove(call);
        if (s != null && !s.queued) {
            running(s.level, -1);
        }
    }

    @Override
    public int queued() {
        return lists.size() + arrived.size();
    }

    @Override
    public void decide(EngineView engine, long now, Decision decision) {
        CallView c;
        while ((c = arrived.pollFirst()) != null) {
            LevelState s = new LevelState(c);
            s.level = Math.max(0, Math.min(rule.levels() - 1, rule.entryLevel(c, engine)));
            states.put(c, s);
            join(s, now);
        }
        List<? extends CallView> running = engine.running();
        for (int i = 0, n = running.size(); i < n; i++) {
            LevelState s = states.get(running.get(i));
            if (s != null) {
                charge(s, now);
            }
        }
        LevelState p;
        while ((p = promotions.peek()) != null && p.promoteAt <= now) {
            promotions.remove(p);
            lists.remove(p);
            rule.promoted(p);
            p.level(0);
            p.promoteAt = Long.MAX_VALUE;
            lists.addLast(p);
        }
        LevelState head;
        while ((head = lists.first()) != null) {
            if (!decision.canAdmit(head.call) && !makeRoom(engine, decision, head)) {
                return;
            }
            lists.remove(head);
            promotions.remove(head);
            head.queued = false;
            head.waitedNanos += Math.max(0, now - head.call.enqueuedAt());
            head.countedTo = now;
            running(head.level, +1);
            decision.admit(head.call);
        }
    }

    /** Counts the service of a running (or just preempted) call up to {@code now}; the rule may demote it. */
    private void charge(LevelState s, long now) {
        long d = now - s.countedTo;
        if (d > 0) {
            s.countedTo = now;
            s.servedNanos += d;
            s.levelNanos += d;
            int before = s.level;
            rule.served(s.call, s);
            s.level = Math.max(0, Math.min(rule.levels() - 1, s.level));
            if (s.level != before) {
                running(before, -1);
                running(s.level, +1);
            }
        }
    }

    /** {@code s} (re)joins the tail of its level, with its promotion time. */
    private void join(LevelState s, long now) {
        s.queued = true;
        lists.addLast(s);
        s.promoteAt = s.level == 0 ? Long.MAX_VALUE : rule.promoteAt(s.call, s, now);
        if (s.promoteAt != Long.MAX_VALUE) {
            promotions.add(s);
        }
    }

    /** Preempts running calls of lower levels than {@code head} if, and only if, that lets it in. */
    private boolean makeRoom(EngineView engine, Decision decision, LevelState head) {
        if (runningMask >>> head.level >>> 1 == 0) {
            return false; // no call of a lower level runs
        }
        List<? extends CallView> running = engine.running();
        int n = running.size();
        if (order.length < n) {
            order = new long[Math.max(n, order.length * 2)];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            CallView r = running.get(i);
            LevelState s = states.get(r);
            if (s != null && s.level > head.level && !decision.preempts(r)) {
                order[m++] = ((long) s.level << 32) | i;
            }
        }
        if (m == 0) {
            return false;
        }
        Arrays.sort(order, 0, m); // the last is the lowest level, most recently admitted among equals
        int slots = decision.slotsLeft();
        long kv = decision.kvLeft();
        long need = engine.kvNeeded(head.call);
        int k = m - 1;
        while (k >= 0 && !(slots > 0 && need <= kv)) {
            slots++;
            kv += engine.kvNeeded(running.get((int) order[k]));
            k--;
        }
        if (!(slots > 0 && need <= kv)) {
            return false;
        }
        for (int j = m - 1; j > k; j--) {
            decision.preempt(running.get((int) order[j]));
        }
        return true;
    }

    @Override
    public CallView victim(EngineView engine, long now) {
        CallView worst = null;
        int lowest = -1;
        for (CallView r : engine.running()) {
            LevelState s = states.get(r);
            int level = s == null ? Integer.MAX_VALUE : s.level;
            if (level >= lowest) {
                lowest = level;
                worst = r;
            }
        }
        return worst;
    }

    /** The level of a call this instance holds (queued or running), or -1: for tests. */
    public int levelOf(CallView call) {
        LevelState s = states.get(call);
        return s == null ? -1 : s.level;
    }

    /** Calls whose state it keeps (queued and running, not counting arrivals not yet placed): for tests. */
    public int known() {
        return states.size();
    }

    public LevelRule rule() {
        return rule;
    }
}
