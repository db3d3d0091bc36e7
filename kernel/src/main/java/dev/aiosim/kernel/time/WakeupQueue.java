package dev.aiosim.kernel.time;

import java.util.Arrays;

/**
 * Wake-ups at virtual times, each with its {@link EventTarget}: the primitive {@link EventQueue}
 * keyed by a slot number, plus the table from slots to targets with a free list, so that the
 * heap itself holds no objects. Shared by the discrete-event loop and the live kernel's timer.
 */
public final class WakeupQueue {
    private final EventQueue queue;
    private EventTarget[] targets;
    private int[] free;
    private int freeCount;
    private int nextSlot;

    /** @param initialCapacity wake-ups held before the arrays grow */
    public WakeupQueue(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        queue = new EventQueue(cap);
        targets = new EventTarget[cap];
        free = new int[cap];
    }

    /** Adds a wake-up of {@code target} at {@code time}; ties keep the order of addition. */
    public void add(long time, EventTarget target) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            slot = nextSlot++;
            if (slot == targets.length) {
                targets = Arrays.copyOf(targets, slot * 2);
                free = Arrays.copyOf(free, slot * 2);
            }
        }
        targets[slot] = target;
        queue.add(time, slot);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public int size() {
        return queue.size();
    }

    /** Time of the earliest wake-up; only when not empty. */
    public long peekTime() {
        return queue.peekTime();
    }

    /** Removes the earliest wake-up and returns its target; only when not empty. */
    public EventTarget poll() {
        int slot = queue.poll();
        EventTarget t = targets[slot];
        targets[slot] = null;
        free[freeCount++] = slot;
        return t;
    }
}
