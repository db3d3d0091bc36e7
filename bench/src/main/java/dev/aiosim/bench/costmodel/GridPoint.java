package dev.aiosim.bench.costmodel;

import dev.aiosim.kernel.engine.StepShape;

/**
 * One step of the validation grid and the times the models give it, so that each model's error
 * against the measured reference can be read off.
 *
 * @param section which part of the grid ({@code prefill}, {@code decode}, {@code chunk})
 * @param label the step in words, e.g. {@code 2048} or {@code 128 x 2048}
 * @param step the step shape
 * @param measured whether the reference table measured this point (else it extends its table, and
 *     the point is shown but left out of the error summary)
 * @param referenceMs the profiled (measured) step time, ms
 * @param modelMs the step time of each compared model, ms, in the order of the validation's models
 */
public record GridPoint(String section, String label, StepShape step, boolean measured, double referenceMs,
                        double[] modelMs) {
    /** The signed relative error of model {@code i} against the reference, as a fraction. */
    public double error(int i) {
        return modelMs[i] / referenceMs - 1;
    }
}
