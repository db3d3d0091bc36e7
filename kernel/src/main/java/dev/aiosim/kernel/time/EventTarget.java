package dev.aiosim.kernel.time;

/**
 * Something that a scheduled event wakes: an engine (step end or wake-up), an agent (arrival),
 * a resource request (completion). Dispatch is by the target's own type, not by an event tag.
 */
@FunctionalInterface
public interface EventTarget {
    void fire(long now);
}
