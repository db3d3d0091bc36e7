package dev.aiosim.schedulers.levels;

import java.util.Arrays;

/**
 * An indexed binary min-heap of waiting calls by promotion time (ties by call id), so that the
 * starved calls are found in O(log n) each and a call that is admitted or removed leaves in
 * O(log n), without lazy deletion or allocation.
 */
final class PromotionHeap {
    private LevelState[] heap = new LevelState[16];
    private int size;

    int size() {
        return size;
    }

    LevelState peek() {
        return size == 0 ? null : heap[0];
    }

    void add(LevelState s) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = s;
        s.heapIndex = size++;
        siftUp(s.heapIndex);
    }

    /** Removes {@code s} if it is in the heap. */
    void remove(LevelState s) {
        int i = s.heapIndex;
        if (i < 0) {
            return;
        }
        LevelState last = heap[--size];
        heap[size] = null;
        s.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    private static boolean less(LevelState a, LevelState b) {
        return a.promoteAt != b.promoteAt ? a.promoteAt < b.promoteAt : a.call.id() < b.call.id();
    }

    private void siftUp(int i) {
        LevelState s = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            LevelState p = heap[parent];
            if (!less(s, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = s;
        s.heapIndex = i;
    }

    private void siftDown(int i) {
        LevelState s = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], s)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = s;
        s.heapIndex = i;
    }
}
