package dev.aiosim.kernel.core;

import dev.aiosim.kernel.time.EventTarget;
import java.util.List;

/**
 * Carries out one engine step that the kernel has decided. In simulated time the step is only a
 * wake-up {@code nanos} later on the kernel's timer; a live runtime hands it to the engines (the
 * emulated ones share one timer thread), which take the step's time (emulated or real) and post
 * {@code end} back to the kernel thread. Called on the kernel thread; {@code end} must fire on the kernel thread, once.
 */
@FunctionalInterface
public interface StepExecutor {
    /**
     * @param engine engine id
     * @param now virtual time the step starts
     * @param nanos the cost model's step time in virtual nanoseconds
     * @param end the kernel's step-end handler for this engine
     */
    void start(int engine, long now, long nanos, EventTarget end);

    /**
     * Called once by the kernel when it has made its engines, before any step: an executor that
     * runs steps on real engines reads each engine's running batch (and its preemption settings)
     * at {@link #start} on the kernel thread. Nothing to do for the others.
     */
    default void bind(List<Engine> engines) {}
}
