package dev.aiosim.kernel.resource;

import dev.aiosim.kernel.time.EventTarget;

/**
 * How kernel components ask to be woken at a virtual time. The discrete-event loop implements it
 * with its event queue; a live runtime can implement it with real timers.
 */
@FunctionalInterface
public interface Timer {
    void at(long time, EventTarget target);
}
