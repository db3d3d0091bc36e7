package dev.aiosim.schedulers.edf;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Earliest deadline first (Liu and Layland, 1973) over LLM calls: each call's deadline is its
 * submission time plus a TTFT or end-to-end target ({@link Deadline}); the waiting call with the
 * earliest deadline is admitted first, ties by arrival. If it does not fit, nothing is admitted
 * past it (no skipping). Non-preemptive by default: running calls are preempted only when KV runs
 * out, the one with the latest deadline first (most recently admitted among equals). With
 * {@code preempt}, when the earliest waiting call does not fit, running calls whose deadlines are
 * strictly later than its own are preempted, latest first, if and only if that makes room.
 *
 * <p>With one target for every call, deadline order is submission order; what EDF adds over
 * fifo is that preempted calls are ordered by deadline too and, with a TTFT target, that a call
 * already past its first token yields to calls still waiting for theirs (it may then wait behind
 * every newer first-token-pending call under sustained overload: EDF does not promise freedom
 * from starvation). Per-agent deadlines are not modelled. A decision costs O(log n) per
 * admission; the preemptive search costs O(batch log batch).
 */
public final class EdfScheduler implements Scheduler {
    private final Deadline deadline;
    private final boolean preempt;
    private final PriorityQueue<CallView> queue;
    private final ArrayList<CallView> victims = new ArrayList<>();

    /**
     * @param deadline how a call's deadline is computed
     * @param preempt whether an earlier-deadline waiting call displaces later-deadline running ones
     */
    public EdfScheduler(Deadline deadline, boolean preempt) {
        this.deadline = deadline;
        this.preempt = preempt;
        this.queue = new PriorityQueue<>(deadline::compare);
    }

    @Override
    public PolicyInfo info() {
        return EdfProvider.INFO;
    }

    @Override
    public void enqueue(CallView call, long now) {
        queue.add(call);
    }

    @Override
    public void requeue(CallView call, long now) {
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
        CallView head;
        while ((head = queue.peek()) != null) {
            if (!decision.canAdmit(head) && !(preempt && makeRoom(engine, decision, head))) {
                return;
            }
            decision.admit(queue.poll());
        }
    }

    /** Preempts running calls with later deadlines than {@code candidate} if, and only if, that lets it in. */
    private boolean makeRoom(EngineView engine, Decision decision, CallView candidate) {
        victims.clear();
        long due = deadline.of(candidate);
        List<? extends CallView> running = engine.running();
        for (int i = running.size() - 1; i >= 0; i--) {
            CallView r = running.get(i);
            if (deadline.of(r) > due && !decision.preempts(r)) {
                victims.add(r);
            }
        }
        if (victims.isEmpty()) {
            return false;
        }
        // latest deadline first; among equals the most recently admitted (stable sort keeps that order)
        victims.sort((a, b) -> Long.compare(deadline.of(b), deadline.of(a)));
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
        long worstDue = Long.MIN_VALUE;
        for (CallView r : engine.running()) {
            long d = deadline.of(r);
            if (worst == null || d >= worstDue) {
                worst = r;
                worstDue = d;
            }
        }
        return worst;
    }
}
