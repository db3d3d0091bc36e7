package dev.aiosim.schedulers.length;

import dev.aiosim.kernel.scheduler.CallView;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The waiting calls of a length-ranking policy, smallest rank first and, on equal ranks, lowest
 * call id first (submission order), plus each known call's predicted output length, asked of the
 * predictor once, when the call is first queued, and kept while it runs. Insertion, removal of
 * the head and removal of any call ({@link #remove}, for cancellation) are O(log n) in queued
 * calls.
 */
public final class RankQueue {
    /** A queued call and the rank it was queued with. */
    private record Entry(long rank, CallView call) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(rank, o.rank);
            return c != 0 ? c : Long.compare(call.id(), o.call.id());
        }
    }

    private final LengthPredictor predictor;
    private final TreeSet<Entry> queue = new TreeSet<>();
    private final Map<Long, Entry> queued = new HashMap<>();
    private final Map<Long, Integer> predicted = new HashMap<>();

    public RankQueue(LengthPredictor predictor) {
        this.predictor = predictor;
    }

    /** The predicted output tokens of {@code call}, asking the predictor the first time. */
    public int predicted(CallView call) {
        Integer p = predicted.get(call.id());
        if (p == null) {
            p = predictor.predict(call);
            predicted.put(call.id(), p);
        }
        return p;
    }

    /** Predicted output tokens still to generate, >= 0 (0 once a call outlives its prediction). */
    public int remaining(CallView call) {
        return Math.max(0, predicted(call) - call.generatedTokens());
    }

    /** Queues {@code call} with this rank. */
    public void add(CallView call, long rank) {
        Entry e = new Entry(rank, call);
        Entry old = queued.put(call.id(), e);
        if (old != null) {
            queue.remove(old);
        }
        queue.add(e);
    }

    /** The queued call of smallest rank, or null. */
    public CallView peek() {
        return queue.isEmpty() ? null : queue.first().call();
    }

    /** The rank {@link #peek()}'s call was queued with; the queue must not be empty. */
    public long peekRank() {
        return queue.first().rank();
    }

    /** Takes the head off the queue (its prediction is kept while it runs). */
    public CallView poll() {
        Entry e = queue.pollFirst();
        queued.remove(e.call().id());
        return e.call();
    }

    /** Removes a queued call and forgets it; whether it was queued. */
    public boolean remove(CallView call) {
        Entry e = queued.remove(call.id());
        if (e == null) {
            return false;
        }
        queue.remove(e);
        predicted.remove(call.id());
        return true;
    }

    /** A call left the engine: the predictor learns its length and the queue forgets it. */
    public void completed(CallView call) {
        predictor.observe(call);
        predicted.remove(call.id());
    }

    public int size() {
        return queue.size();
    }

    /** Calls whose prediction is kept (queued and running). */
    public int known() {
        return predicted.size();
    }

    public LengthPredictor predictor() {
        return predictor;
    }
}
