package dev.aiosim.kernel.scheduler;

import java.util.Map;

/**
 * A named policy, discovered with {@link java.util.ServiceLoader} (like Caffeine's policy
 * registry): each policy module lists its providers in
 * {@code META-INF/services/dev.aiosim.kernel.scheduler.SchedulerProvider}.
 */
public interface SchedulerProvider {
    /**
     * The policy's name, description, parameters and clairvoyance: the one place they are
     * declared. The schedulers this provider makes return the same record from {@link Scheduler#info()}.
     */
    PolicyInfo info();

    /**
     * Binds parameters (raw strings from the spec, e.g. {@code quantum: 64} or {@code 1s}) and
     * returns a factory. Only parameters declared in {@link #info()} are passed. Throws
     * {@link IllegalArgumentException} naming the parameter when a value is invalid.
     */
    SchedulerFactory factory(Map<String, String> params);
}
