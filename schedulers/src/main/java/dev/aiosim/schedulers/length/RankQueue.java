package dev.aiosim.schedulers.length;

import dev.aiosim.kernel.scheduler.CallView;
import java.util.IdentityHashMap;
import java.util.TreeSet;

/**
 * The waiting calls of a length-ranking policy, smallest rank first and, on equal ranks, lowest
 * call id first (submission order), plus each known call's predicted output length, asked of the
 * predictor once, when the call is first queued, and kept while it runs. Insertion, removal of
 * the head and removal of any call ({@link #remove}, for cancellation) are O(log n) in queued
 * calls. Calls are looked up by identity (the kernel hands a policy the same view object for a
 * call throughout its life), so a look-up neither boxes nor allocates; a queued call costs one
 * small record and one tree node.
 */
public final class RankQueue {
    /** A known call: its prediction, and the rank it is queued with while queued. */
    private static final class Known implements Comparable<Known> {
        final CallView call;
        final int predicted;
        long rank;
        boolean queued;

        Known(CallView call, int predicted) {
            this.call = call;
            this.predicted = predicted;
        }

        @Override
        public int compareTo(Known o) {
            int c = Long.compare(rank, o.rank);
            return c != 0 ? c : Long.compare(call.id(), o.call.id());
        }
    }

    private final LengthPredictor predictor;
    private final TreeSet<Known> queue = new TreeSet<>();
    private final IdentityHashMap<CallView, Known> known = new IdentityHashMap<>();

    public RankQueue(LengthPredictor predictor) {
        this.predictor = predictor;
    }

    private Known known(CallView call) {
        Known k = known.get(call);
        if (k == null) {
            k = new Known(call, predictor.predict(call));
            known.put(call, k);
        }
        return k;
    }

    /** The predicted output tokens of {@code call}, asking the predictor the first time. */
    public int predicted(CallView call) {
        return known(call).predicted;
    }

    /** Predicted output tokens still to generate, >= 0 (0 once a call outlives its prediction). */
    public int remaining(CallView call) {
        return Math.max(0, predicted(call) - call.generatedTokens());
    }

    /** Queues {@code call} with this rank. */
    public void add(CallView call, long rank) {
        Known k = known(call);
        if (k.queued) {
            queue.remove(k);
        }
        k.rank = rank;
        k.queued = true;
        queue.add(k);
    }

    /** The queued call of smallest rank, or null. */
    public CallView peek() {
        return queue.isEmpty() ? null : queue.first().call;
    }

    /** The rank {@link #peek()}'s call was queued with; the queue must not be empty. */
    public long peekRank() {
        return queue.first().rank;
    }

    /** Takes the head off the queue (its prediction is kept while it runs). */
    public CallView poll() {
        Known k = queue.pollFirst();
        k.queued = false;
        return k.call;
    }

    /** Removes a queued call and forgets it; whether it was queued. */
    public boolean remove(CallView call) {
        Known k = known.get(call);
        if (k == null || !k.queued) {
            return false;
        }
        queue.remove(k);
        known.remove(call);
        return true;
    }

    /** A call left the engine: the predictor learns its length and the queue forgets it. */
    public void completed(CallView call) {
        predictor.observe(call);
        Known k = known.remove(call);
        if (k != null && k.queued) {
            queue.remove(k);
        }
    }

    public int size() {
        return queue.size();
    }

    /** Calls whose prediction is kept (queued and running). */
    public int known() {
        return known.size();
    }

    public LengthPredictor predictor() {
        return predictor;
    }
}
