package dev.aiosim.kernel.time;

/**
 * The wall clock a live run reads, as {@link System#nanoTime()} does. It exists so that the live
 * runtime's clock and timers can be driven by a hand-moved clock in tests (deterministic timer
 * firing and time arithmetic) while real runs read the system's monotonic clock.
 */
@FunctionalInterface
public interface NanoClock {
    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** Monotonic nanoseconds from an arbitrary origin. */
    long nanoTime();
}
