package dev.aiosim.kernel.time;

/**
 * How kernel components ask to be woken at a virtual time. The discrete-event loop implements it
 * with its event queue; a live runtime can implement it with real timers.
 */
public interface Timer {
    /** Wakes {@code target} at virtual time {@code time} (not before now). */
    void at(long time, EventTarget target);

    /**
     * Wakes {@code target} at the current time, after every event already due at this time has
     * been handled. Engines schedule their next step this way, so that calls arriving at the same
     * instant join the same batch whatever order their events came in.
     */
    void endOfInstant(EventTarget target);

    /**
     * Wakes {@code target} at {@code time} like {@link #at}, but the event does not keep a run
     * alive: a discrete-event loop whose queue holds only such events, with no agent alive and no
     * arrival to come, ends (fault injection's crash and restart events, which would otherwise
     * recur forever). By default the same as {@link #at}.
     */
    default void atDaemon(long time, EventTarget target) {
        at(time, target);
    }
}
