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

    /**
     * Whether the policy bound with these parameters reads true output lengths, for the
     * {@code (oracle)} label of reports. By default what {@link #info()} declares; a policy whose
     * clairvoyance depends on a parameter (e.g. {@code sjf} with {@code flavour: oracle})
     * overrides it, and its schedulers' {@link Scheduler#clairvoyant()} must agree.
     */
    default boolean clairvoyant(Map<String, String> params) {
        return info().clairvoyant();
    }
}
