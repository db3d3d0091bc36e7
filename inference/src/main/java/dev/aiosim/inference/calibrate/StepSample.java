package dev.aiosim.inference.calibrate;

import dev.aiosim.kernel.engine.StepShape;

/**
 * One measured step: what it computed and how long it took. The input of a fit, whether measured
 * here on a DJL engine or taken from timings published for another engine.
 *
 * @param shape what the step computed
 * @param nanos its measured time, > 0
 */
public record StepSample(StepShape shape, long nanos) {
    public StepSample {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a measured step takes > 0 ns, got " + nanos);
        }
    }
}
