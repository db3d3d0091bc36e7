package dev.aiosim.kernel.services;

/**
 * How the services answered one tool, memory or storage call before it goes to its resource.
 *
 * @param latencyNanos how long the resource serves it (meaningless when denied)
 * @param denied the access manager refused it: it is not served at all
 * @param memoryHit a memory operation found its item in RAM
 * @param memoryMiss a memory operation found its item in the storage tier
 */
public record ServiceOutcome(long latencyNanos, boolean denied, boolean memoryHit, boolean memoryMiss) {
    /** A refused call. */
    public static final ServiceOutcome DENIED = new ServiceOutcome(0, true, false, false);

    /** A call served for {@code latencyNanos}, no memory tier involved. */
    public static ServiceOutcome served(long latencyNanos) {
        return new ServiceOutcome(latencyNanos, false, false, false);
    }
}
