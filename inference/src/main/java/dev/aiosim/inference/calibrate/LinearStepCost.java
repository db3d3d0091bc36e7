package dev.aiosim.inference.calibrate;

import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.StepShape;

/**
 * A step-cost model of the form DistServe (Zhong et al., OSDI 2024, section 3 appendix) and Vidur
 * (Agrawal et al., MLSys 2024) fit to measured steps: a fixed cost per step, a cost per prefill
 * token (the linear layers), a cost per prefill attention pair (the quadratic term), a cost per
 * decoding call (its linear layers and sampling) and a cost per context token the decoding calls
 * attend over (reading their KV):
 *
 * <pre>t = fixed + perPrefillToken x prefillTokens + perPrefillPair x prefillPairs
 *       + perDecode x decodeTokens + perDecodeContext x decodeContextTokens</pre>
 *
 * in nanoseconds. Coefficients are >= 0, so the time never decreases as a step grows.
 */
public record LinearStepCost(double fixed, double perPrefillToken, double perPrefillPair, double perDecode,
                             double perDecodeContext) implements CostModel {
    /** Names of the coefficients, in the order of the record (and of {@link #coefficients}). */
    public static final String[] TERMS = {"fixed", "per-prefill-token", "per-prefill-pair", "per-decode", "per-decode-context"};

    public LinearStepCost {
        double[] c = {fixed, perPrefillToken, perPrefillPair, perDecode, perDecodeContext};
        for (int i = 0; i < c.length; i++) {
            if (!(c[i] >= 0) || Double.isInfinite(c[i])) {
                throw new IllegalArgumentException(TERMS[i] + ": expected a finite number >= 0 (ns), got " + c[i]);
            }
        }
    }

    /** The model from coefficients in {@link #TERMS} order. */
    public static LinearStepCost of(double[] c) {
        return new LinearStepCost(c[0], c[1], c[2], c[3], c[4]);
    }

    public double[] coefficients() {
        return new double[] {fixed, perPrefillToken, perPrefillPair, perDecode, perDecodeContext};
    }

    /** The step's terms in {@link #TERMS} order (the first is 1). */
    static double[] terms(StepShape s) {
        return new double[] {1, s.prefillTokens(), s.prefillPairs(), s.decodeTokens(), s.decodeContextTokens()};
    }

    /** The model's time for {@code s}, unrounded. */
    public double predict(StepShape s) {
        double[] x = terms(s);
        double[] c = coefficients();
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            t += c[i] * x[i];
        }
        return t;
    }

    @Override
    public long stepNanos(StepShape step) {
        double t = Math.ceil(predict(step));
        if (!(t < 0x1p62)) {
            throw new ArithmeticException("step time " + t + " ns does not fit the virtual clock");
        }
        return Math.max(1, (long) t);
    }
}
