package dev.aiosim.kernel.scheduler;

import java.util.Map;
import java.util.Set;

/**
 * A named policy, discovered with {@link java.util.ServiceLoader} (like Caffeine's policy
 * registry): each policy module lists its providers in
 * {@code META-INF/services/dev.aiosim.kernel.scheduler.SchedulerProvider}.
 */
public interface SchedulerProvider {
    /** The name used in specs and on the command line, e.g. {@code fifo}. */
    String name();

    /** One-line description for listings. */
    String description();

    /** Parameter names this policy accepts; anything else is an error. */
    Set<String> parameters();

    /**
     * Binds parameters (raw strings from the spec, e.g. {@code quantum: 64} or {@code 1s}) and
     * returns a factory. Throws {@link IllegalArgumentException} naming the parameter when a value
     * is invalid.
     */
    SchedulerFactory factory(Map<String, String> params);
}
