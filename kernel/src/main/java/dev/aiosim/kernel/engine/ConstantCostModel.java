package dev.aiosim.kernel.engine;

/**
 * Every step takes the same time whatever it computes. Makes schedules computable by hand, which
 * is what the exact-schedule tests need.
 *
 * @param nanos duration of every step
 */
public record ConstantCostModel(long nanos) implements CostModel {
    public ConstantCostModel {
        if (nanos <= 0) {
            throw new IllegalArgumentException("step time must be > 0, got " + nanos);
        }
    }

    @Override
    public long stepNanos(StepShape step) {
        return nanos;
    }
}
