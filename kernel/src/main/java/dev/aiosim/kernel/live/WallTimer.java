package dev.aiosim.kernel.live;

import dev.aiosim.kernel.resource.Timer;
import dev.aiosim.kernel.time.EventQueue;
import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The kernel's {@link Timer} in a live run, owned by the kernel thread: wake-ups at virtual times
 * wait in the same primitive heap as in simulated time, and the kernel loop fires those that are
 * due on the {@link VirtualClock}. End-of-instant wake-ups run after the messages and timers of
 * the current loop round, so calls arriving together join the same batch.
 */
final class WallTimer implements Timer {
    private final EventQueue queue = new EventQueue();
    private EventTarget[] targets = new EventTarget[256];
    private int[] free = new int[256];
    private int freeCount;
    private int nextSlot;
    private final ArrayDeque<EventTarget> deferred = new ArrayDeque<>();

    @Override
    public void at(long time, EventTarget target) {
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

    @Override
    public void endOfInstant(EventTarget target) {
        deferred.addLast(target);
    }

    /** Fires every wake-up due at or before {@code now}; returns how many fired. */
    int fireDue(long now) {
        int n = 0;
        while (!queue.isEmpty() && queue.peekTime() <= now) {
            int slot = queue.poll();
            EventTarget t = targets[slot];
            targets[slot] = null;
            free[freeCount++] = slot;
            t.fire(now);
            n++;
        }
        return n;
    }

    /** Runs the end-of-instant wake-ups (and any they add); returns how many ran. */
    int runDeferred(long now) {
        int n = 0;
        EventTarget t;
        while ((t = deferred.pollFirst()) != null) {
            t.fire(now);
            n++;
        }
        return n;
    }

    /** Virtual time of the next wake-up, or Long.MAX_VALUE. */
    long nextTime() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peekTime();
    }
}
