package dev.aiosim.schedulers.vtc;

import dev.aiosim.kernel.scheduler.CallView;
import java.util.Arrays;

/**
 * An indexed binary min-heap of the backlogged clients, keyed by counter, ties by the earlier
 * head call (submission time, then id). Each client knows its index, so a client whose counter
 * or head changed is re-sifted in O(log n) without lazy deletion.
 */
final class ClientHeap {
    private VtcClient[] heap = new VtcClient[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The backlogged client with the smallest counter, or null. */
    VtcClient peek() {
        return size == 0 ? null : heap[0];
    }

    void add(VtcClient c) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = c;
        c.heapIndex = size++;
        siftUp(c.heapIndex);
    }

    void remove(VtcClient c) {
        int i = c.heapIndex;
        VtcClient last = heap[--size];
        heap[size] = null;
        c.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    /** Restores the heap order after {@code c}'s counter or head call changed. */
    void update(VtcClient c) {
        siftDown(c.heapIndex);
        siftUp(c.heapIndex);
    }

    private static boolean less(VtcClient a, VtcClient b) {
        if (a.counter != b.counter) {
            return a.counter < b.counter;
        }
        CallView x = a.waiting.peekFirst();
        CallView y = b.waiting.peekFirst();
        if (x.submittedAt() != y.submittedAt()) {
            return x.submittedAt() < y.submittedAt();
        }
        return x.id() < y.id();
    }

    private void siftUp(int i) {
        VtcClient c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            VtcClient p = heap[parent];
            if (!less(c, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = c;
        c.heapIndex = i;
    }

    private void siftDown(int i) {
        VtcClient c = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], c)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = c;
        c.heapIndex = i;
    }
}
