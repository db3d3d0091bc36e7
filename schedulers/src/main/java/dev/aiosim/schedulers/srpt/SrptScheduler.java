package dev.aiosim.schedulers.srpt;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.schedulers.length.OutputRanking;
import dev.aiosim.schedulers.length.RankQueue;
import java.util.Arrays;
import java.util.List;

/**
 * Shortest remaining processing time by output length (Schrage, "A proof of the optimality of the
 * shortest remaining processing time discipline", Operations Research 16(3), 1968; analysed for
 * M/G/1 by Harchol-Balter, "Performance Modeling and Design of Computer Systems", 2013, ch. 33),
 * preemptive, at step boundaries: a call's rank is its (predicted) output length minus the tokens
 * it has generated, at least 0. Waiting calls are admitted smallest remaining first while slots
 * and KV allow. When the head still does not fit, running calls are preempted for it, largest
 * remaining first, but only those whose remaining exceeds the head's by more than {@code margin}
 * tokens, and only if enough of them free the slot and KV it needs; otherwise none is preempted
 * (so a preemption always admits a shorter call). The KV victim is the running call with the
 * largest remaining. With predicted lengths this is the preemptive form of Fu et al., "Efficient
 * LLM Scheduling by Learning to Rank" (NeurIPS 2024), with a length predictor instead of their
 * learned ranker.
 *
 * <p>Thrash. A prediction is made once per call, so the ranks of running calls fall by one per
 * token together and a preempted call keeps its rank while it waits; a preempted call can
 * therefore only come back once every shorter waiter is served and never preempts the call that
 * displaced it (ping-pong is impossible, oracle or predicted). A call that outlives its prediction
 * ranks 0 and is never preempted again. What remains is the cost of each preemption (a swap or a
 * re-prefill) against its gain: with {@code margin: 0} (textbook SRPT) a call 2 tokens from the
 * end is preempted for a waiter 1 token from it; {@code margin: N} asks for more than N tokens of
 * gain. Decisions cost O(log n) in queued calls plus O(b log b) in the batch b (sorting it).
 */
public final class SrptScheduler implements Scheduler {
    private final OutputRanking ranking;
    private final RankQueue queue;
    private final int margin;
    private CallView[] victims = new CallView[16];
    private long[] order = new long[16];

    public SrptScheduler(OutputRanking ranking, int margin) {
        if (margin < 0) {
            throw new IllegalArgumentException("margin must be >= 0, got " + margin);
        }
        this.ranking = ranking;
        this.margin = margin;
        this.queue = new RankQueue(ranking.predictors().get());
    }

    @Override
    public PolicyInfo info() {
        return SrptProvider.INFO;
    }

    @Override
    public boolean clairvoyant() {
        return ranking.clairvoyant();
    }

    @Override
    public void enqueue(CallView call, long now) {
        queue.add(call, queue.remaining(call));
    }

    @Override
    public void requeue(CallView call, long now) {
        queue.add(call, queue.remaining(call));
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
    public void completed(CallView call, long now) {
        queue.completed(call);
    }

    @Override
    public CallView victim(EngineView engine, long now) {
        CallView worst = null;
        int most = -1;
        for (CallView c : engine.running()) {
            int r = queue.remaining(c);
            if (r >= most) { // ties: the most recently admitted, as vLLM
                most = r;
                worst = c;
            }
        }
        return worst;
    }

    @Override
    public void decide(EngineView engine, long now, Decision decision) {
        int next = -1; // victims[0..next] are candidates, smallest remaining first; filled lazily
        boolean sorted = false;
        while (queue.size() > 0) {
            CallView head = queue.peek();
            long need = engine.kvNeeded(head);
            if (decision.canAdmit(head)) {
                decision.admit(queue.poll());
                continue;
            }
            if (!sorted) {
                next = sortRunning(engine.running(), decision);
                sorted = true;
            }
            long bar = queue.peekRank() + margin;
            int slots = decision.slotsLeft();
            long kv = decision.kvLeft();
            int k = next;
            while (!(slots > 0 && need <= kv) && k >= 0 && remainingAt(k) > bar) {
                slots++;
                kv += engine.kvNeeded(victims[k]);
                k--;
            }
            if (!(slots > 0 && need <= kv)) {
                return; // not enough longer calls to make room: preempt none
            }
            for (int j = next; j > k; j--) {
                decision.preempt(victims[j]);
            }
            next = k;
            decision.admit(queue.poll());
        }
    }

    /** Sorts running calls not already preempted by remaining (then admission order); returns the last index. */
    private int sortRunning(List<? extends CallView> running, Decision decision) {
        int n = running.size();
        if (victims.length < n) {
            victims = new CallView[Math.max(n, victims.length * 2)];
            order = new long[victims.length];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            CallView c = running.get(i);
            if (!decision.preempts(c)) {
                order[m++] = ((long) queue.remaining(c) << 32) | i;
            }
        }
        Arrays.sort(order, 0, m);
        for (int j = 0; j < m; j++) {
            victims[j] = running.get((int) order[j]);
        }
        return m - 1;
    }

    private long remainingAt(int k) {
        return order[k] >>> 32;
    }

    /** The ranking this instance uses. */
    public OutputRanking ranking() {
        return ranking;
    }

    public int margin() {
        return margin;
    }

    /** Calls whose prediction it keeps (queued and running): for tests of its bookkeeping. */
    public int known() {
        return queue.known();
    }
}
