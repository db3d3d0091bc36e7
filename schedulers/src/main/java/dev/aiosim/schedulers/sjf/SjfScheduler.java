package dev.aiosim.schedulers.sjf;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.schedulers.length.OutputRanking;
import dev.aiosim.schedulers.length.RankQueue;

/**
 * Shortest job first by output length, non-preemptive: waiting calls are admitted smallest
 * (predicted) output length first, ties in submission order, while slots and KV allow; the head
 * that does not fit blocks the rest (as in FIFO: no skipping, so a long call is not starved by
 * shorter ones behind it that happen to fit). A running call runs to completion; it is preempted
 * only when the KV pool runs out (vLLM's victim, the most recently admitted), and comes back with
 * the rank it had. With {@code flavour: oracle} this is SJF as in scheduling theory (Schrage and
 * Miller, 1966; optimal mean response time among non-preemptive policies for calls present
 * together); with predicted lengths it is the non-preemptive form of the ranking schedulers of Fu
 * et al., "Efficient LLM Scheduling by Learning to Rank" (NeurIPS 2024), which rank a batch by a
 * learned predictor. Departures from the paper: it predicts a length (of a pluggable
 * {@link dev.aiosim.schedulers.length.LengthPredictor}), not a rank from the prompt, and it has no
 * starvation counter (the paper promotes calls skipped too often).
 */
public final class SjfScheduler implements Scheduler {
    private final OutputRanking ranking;
    private final RankQueue queue;

    public SjfScheduler(OutputRanking ranking) {
        this.ranking = ranking;
        this.queue = new RankQueue(ranking.predictors().get());
    }

    @Override
    public PolicyInfo info() {
        return SjfProvider.INFO;
    }

    @Override
    public boolean clairvoyant() {
        return ranking.clairvoyant();
    }

    @Override
    public void enqueue(CallView call, long now) {
        queue.add(call, queue.predicted(call));
    }

    @Override
    public void requeue(CallView call, long now) {
        queue.add(call, queue.predicted(call));
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
    public void decide(EngineView engine, long now, Decision decision) {
        CallView head;
        while ((head = queue.peek()) != null && decision.canAdmit(head)) {
            decision.admit(queue.poll());
        }
    }

    /** The ranking this instance uses. */
    public OutputRanking ranking() {
        return ranking;
    }

    /** Calls whose prediction it keeps (queued and running): for tests of its bookkeeping. */
    public int known() {
        return queue.known();
    }
}
