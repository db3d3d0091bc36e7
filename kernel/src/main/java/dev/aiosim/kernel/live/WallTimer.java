package dev.aiosim.kernel.live;

import dev.aiosim.kernel.time.EventTarget;
import dev.aiosim.kernel.time.Timer;
import dev.aiosim.kernel.time.WakeupQueue;
import java.util.ArrayDeque;

/**
 * The kernel's {@link Timer} in a live run, owned by the kernel thread: wake-ups at virtual times
 * wait in the same primitive heap as in simulated time, and the kernel loop fires those that are
 * due on the {@link VirtualClock} (so on its injected wall clock). End-of-instant wake-ups run
 * after the messages and timers of the current loop round, so calls arriving together join the
 * same batch. Virtual time never passes the run's horizon.
 */
final class WallTimer implements Timer {
    private final VirtualClock clock;
    private final long horizon;
    private final WakeupQueue queue = new WakeupQueue(256);
    private final ArrayDeque<EventTarget> deferred = new ArrayDeque<>();

    /**
     * @param clock the run's clock
     * @param horizon virtual time at which the run stops, Long.MAX_VALUE for none
     */
    WallTimer(VirtualClock clock, long horizon) {
        this.clock = clock;
        this.horizon = horizon;
    }

    @Override
    public void at(long time, EventTarget target) {
        queue.add(time, target);
    }

    @Override
    public void endOfInstant(EventTarget target) {
        deferred.addLast(target);
    }

    /** Virtual time now, capped at the horizon. */
    long now() {
        return Math.min(clock.now(), horizon);
    }

    /** Whether virtual time has reached the horizon. */
    boolean pastHorizon() {
        return clock.now() >= horizon;
    }

    /** Fires every wake-up due now, each at the time read before the first; returns how many fired. */
    int fireDue() {
        long now = now();
        int n = 0;
        while (!queue.isEmpty() && queue.peekTime() <= now) {
            queue.poll().fire(now);
            n++;
        }
        return n;
    }

    /** Runs the end-of-instant wake-ups (and any they add) at the present time; returns how many ran. */
    int runDeferred() {
        if (deferred.isEmpty()) {
            return 0;
        }
        long now = now();
        int n = 0;
        EventTarget t;
        while ((t = deferred.pollFirst()) != null) {
            t.fire(now);
            n++;
        }
        return n;
    }

    /**
     * Wall nanoseconds until the next wake-up or the horizon, whichever comes first;
     * Long.MAX_VALUE if there is neither.
     */
    long wallUntilNext() {
        long next = Math.min(queue.isEmpty() ? Long.MAX_VALUE : queue.peekTime(), horizon);
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : clock.wallUntil(next);
    }
}
