package dev.aiosim.kernel.engine;

/**
 * The time one engine step takes. Roofline by default; a profiled table later; a constant for
 * hand-computed tests. Must be a pure function of its input so that runs are deterministic.
 */
@FunctionalInterface
public interface CostModel {
    /** Step duration in virtual nanoseconds, > 0. */
    long stepNanos(StepShape step);
}
