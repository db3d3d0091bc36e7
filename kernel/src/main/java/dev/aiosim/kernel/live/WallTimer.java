package dev.aiosim.kernel.live;

import dev.aiosim.kernel.resource.Timer;
import dev.aiosim.kernel.time.EventTarget;
import dev.aiosim.kernel.time.WakeupQueue;
import java.util.ArrayDeque;

/**
 * The kernel's {@link Timer} in a live run, owned by the kernel thread: wake-ups at virtual times
 * wait in the same primitive heap as in simulated time, and the kernel loop fires those that are
 * due on the {@link VirtualClock}. End-of-instant wake-ups run after the messages and timers of
 * the current loop round, so calls arriving together join the same batch.
 */
final class WallTimer implements Timer {
    private final WakeupQueue queue = new WakeupQueue(256);
    private final ArrayDeque<EventTarget> deferred = new ArrayDeque<>();

    @Override
    public void at(long time, EventTarget target) {
        queue.add(time, target);
    }

    @Override
    public void endOfInstant(EventTarget target) {
        deferred.addLast(target);
    }

    /** Fires every wake-up due at or before {@code now}; returns how many fired. */
    int fireDue(long now) {
        int n = 0;
        while (!queue.isEmpty() && queue.peekTime() <= now) {
            queue.poll().fire(now);
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
