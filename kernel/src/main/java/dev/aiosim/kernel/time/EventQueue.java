package dev.aiosim.kernel.time;

import java.util.Arrays;

/**
 * A binary min-heap of events keyed by (time, sequence), stored as a struct of primitive arrays
 * so that the event loop allocates nothing per event. Each event carries an {@code int} id that
 * the caller maps to its target. Ties in time are broken by insertion order, which keeps a
 * simulation deterministic. DESIGN.md §4 asks for this layout instead of
 * {@code PriorityQueue<Object>}.
 */
public final class EventQueue {
    private long[] times;
    private long[] seqs;
    private int[] ids;
    private int size;
    private long nextSeq;

    public EventQueue() {
        this(1024);
    }

    public EventQueue(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        times = new long[cap];
        seqs = new long[cap];
        ids = new int[cap];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Adds an event; events at the same time come out in the order they were added. */
    public void add(long time, int id) {
        if (size == times.length) {
            grow();
        }
        long seq = nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, seq, times[parent], seqs[parent])) {
                break;
            }
            times[i] = times[parent];
            seqs[i] = seqs[parent];
            ids[i] = ids[parent];
            i = parent;
        }
        times[i] = time;
        seqs[i] = seq;
        ids[i] = id;
    }

    /** Time of the earliest event; the queue must not be empty. */
    public long peekTime() {
        if (size == 0) {
            throw new IllegalStateException("event queue is empty");
        }
        return times[0];
    }

    /** Id of the earliest event; the queue must not be empty. */
    public int peekId() {
        if (size == 0) {
            throw new IllegalStateException("event queue is empty");
        }
        return ids[0];
    }

    /** Removes the earliest event and returns its id; read {@link #peekTime()} first if needed. */
    public int poll() {
        if (size == 0) {
            throw new IllegalStateException("event queue is empty");
        }
        int top = ids[0];
        int last = --size;
        if (last > 0) {
            siftDown(times[last], seqs[last], ids[last], last);
        }
        return top;
    }

    private void siftDown(long time, long seq, int id, int n) {
        int i = 0;
        int half = n >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < n && less(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (!less(times[child], seqs[child], time, seq)) {
                break;
            }
            times[i] = times[child];
            seqs[i] = seqs[child];
            ids[i] = ids[child];
            i = child;
        }
        times[i] = time;
        seqs[i] = seq;
        ids[i] = id;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void grow() {
        int cap = times.length * 2;
        times = Arrays.copyOf(times, cap);
        seqs = Arrays.copyOf(seqs, cap);
        ids = Arrays.copyOf(ids, cap);
    }
}
