package dev.aiosim.inference.calibrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits a {@link LinearStepCost} to measured steps by least squares, on the time itself (the
 * default: with a free fixed term the residuals then sum to zero, so the total time of the steps
 * is right) or on the relative error (each sample weighted by 1 / its time, so that short decode
 * steps count as much as long prefills) ({@link Weighting}), keeping every coefficient >= 0: a term whose
 * least-squares coefficient is negative is dropped (fixed at 0) and the rest refitted, until none
 * is (the active-set idea of Lawson and Hanson's NNLS, enough for five terms). Reports R² (on
 * times, unweighted), the mean absolute relative error, the worst residuals and the errors per
 * kind of step.
 */
public final class StepCostFit {
    /** What the least squares minimise; docs/inference.md compares the two on measured steps. */
    public enum Weighting {
        /** The sum of squared relative errors: every step counts alike, short or long. */
        RELATIVE,
        /** The sum of squared errors in time: long steps (prefills) count most, as they do in a run's total time. */
        ABSOLUTE;

        /** {@code relative} or {@code absolute}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The weighting {@link #fit(List, int)} and {@code aiosim calibrate} use: against live runs on
     * the real engine, simulations calibrated this way came closer than with absolute weighting,
     * which sets the fixed term to 0 and predicts short steps far too short
     * (paper-notes/fidelity.md; docs/inference.md has the per-kind figures).
     */
    public static final Weighting DEFAULT = Weighting.RELATIVE;

    /**
     * The fitted model and how well it fits.
     *
     * @param meanAbsRelError the mean of |predicted - measured| / measured over the samples
     * @param byKind the errors per kind of step, for the kinds present
     */
    public record Result(LinearStepCost model, double r2, List<Residual> worst, int samples, double meanAbsRelError,
                         List<KindError> byKind, Weighting weighting) {}

    /** One sample's misfit: measured and predicted time, and the relative error. */
    public record Residual(StepSample sample, double predicted, double relativeError) {}

    /**
     * How well the model fits one kind of step.
     *
     * @param kind prefill-only, decode-only or mixed
     * @param steps samples of that kind
     * @param meanAbsRelError mean |relative error|
     * @param worst the sample with the largest |relative error|
     * @param sumError (sum predicted - sum measured) / sum measured: the error of the kind's total time
     */
    public record KindError(String kind, int steps, double meanAbsRelError, Residual worst, double sumError) {}

    /** The kinds of step {@link KindError} reports, in order. */
    public static final List<String> KINDS = List.of("prefill-only", "decode-only", "mixed");

    private StepCostFit() {}

    /** The kind of a step: prefill-only, decode-only or mixed (both). */
    public static String kind(dev.aiosim.kernel.engine.StepShape s) {
        if (s.decodeTokens() == 0) {
            return KINDS.get(0);
        }
        return s.prefillTokens() == 0 ? KINDS.get(1) : KINDS.get(2);
    }

    /** {@link #fit(List, int, Weighting)} with the {@link #DEFAULT} weighting. */
    public static Result fit(List<StepSample> samples, int worst) {
        return fit(samples, worst, DEFAULT);
    }

    /**
     * @param samples at least 5 measured steps spanning the terms (prefill, decode, context)
     * @param worst how many of the worst residuals to report
     * @param weighting what the least squares minimise
     */
    public static Result fit(List<StepSample> samples, int worst, Weighting weighting) {
        int k = LinearStepCost.TERMS.length;
        if (samples.size() < k) {
            throw new IllegalArgumentException("a fit needs at least " + k + " measured steps, got " + samples.size());
        }
        boolean[] active = new boolean[k];
        java.util.Arrays.fill(active, true);
        double[] c;
        while (true) {
            c = solve(samples, active, weighting);
            int worstTerm = -1;
            for (int i = 0; i < k; i++) {
                if (active[i] && c[i] < 0 && (worstTerm < 0 || c[i] < c[worstTerm])) {
                    worstTerm = i;
                }
            }
            if (worstTerm < 0) {
                break;
            }
            active[worstTerm] = false;
        }
        LinearStepCost model = LinearStepCost.of(c);
        double mean = samples.stream().mapToDouble(StepSample::nanos).average().orElseThrow();
        double ssRes = 0;
        double ssTot = 0;
        List<Residual> residuals = new ArrayList<>(samples.size());
        for (StepSample s : samples) {
            double p = model.predict(s.shape());
            ssRes += (s.nanos() - p) * (s.nanos() - p);
            ssTot += (s.nanos() - mean) * (s.nanos() - mean);
            residuals.add(new Residual(s, p, (p - s.nanos()) / s.nanos()));
        }
        residuals.sort(Comparator.comparingDouble((Residual r) -> -Math.abs(r.relativeError())));
        double r2 = ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        return new Result(model, r2, List.copyOf(residuals.subList(0, Math.min(worst, residuals.size()))), samples.size(),
                meanAbs(residuals), byKind(residuals), weighting);
    }

    private static double meanAbs(List<Residual> residuals) {
        return residuals.stream().mapToDouble(r -> Math.abs(r.relativeError())).average().orElse(0);
    }

    /** The residuals (sorted worst first) grouped by {@link #kind}. */
    private static List<KindError> byKind(List<Residual> residuals) {
        List<KindError> out = new ArrayList<>();
        for (String k : KINDS) {
            List<Residual> of = residuals.stream().filter(r -> kind(r.sample().shape()).equals(k)).toList();
            if (of.isEmpty()) {
                continue;
            }
            double predicted = of.stream().mapToDouble(Residual::predicted).sum();
            double measured = of.stream().mapToDouble(r -> r.sample().nanos()).sum();
            out.add(new KindError(k, of.size(), meanAbs(of), of.get(0), (predicted - measured) / measured));
        }
        return List.copyOf(out);
    }

    /** Weighted least squares over the active terms (others 0), by the normal equations. */
    private static double[] solve(List<StepSample> samples, boolean[] active, Weighting weighting) {
        int k = active.length;
        int[] idx = new int[k];
        int m = 0;
        for (int i = 0; i < k; i++) {
            if (active[i]) {
                idx[m++] = i;
            }
        }
        double[][] a = new double[m][m + 1];
        for (StepSample s : samples) {
            double[] x = LinearStepCost.terms(s.shape());
            double w = weighting == Weighting.RELATIVE ? 1.0 / s.nanos() : 1e-6; // ABSOLUTE: a constant (in 1/ms, to keep the sums small)
            for (int r = 0; r < m; r++) {
                for (int col = 0; col < m; col++) {
                    a[r][col] += w * w * x[idx[r]] * x[idx[col]];
                }
                a[r][m] += w * w * x[idx[r]] * s.nanos();
            }
        }
        double[] sol = gauss(a, m);
        double[] c = new double[k];
        for (int r = 0; r < m; r++) {
            c[idx[r]] = sol[r];
        }
        return c;
    }

    /** Solves the augmented m x (m+1) system by Gaussian elimination with partial pivoting; a term no sample exercises gets 0. */
    private static double[] gauss(double[][] a, int m) {
        // scale columns so that terms of very different magnitude (1 vs pairs ~ 1e6) pivot sensibly
        double[] scale = new double[m];
        for (int col = 0; col < m; col++) {
            double s = 0;
            for (int r = 0; r < m; r++) {
                s = Math.max(s, Math.abs(a[r][col]));
            }
            scale[col] = s == 0 ? 1 : Math.sqrt(s);
        }
        for (int r = 0; r < m; r++) {
            for (int col = 0; col < m; col++) {
                a[r][col] /= scale[r] * scale[col];
            }
            a[r][m] /= scale[r];
        }
        for (int p = 0; p < m; p++) {
            int best = p;
            for (int r = p + 1; r < m; r++) {
                if (Math.abs(a[r][p]) > Math.abs(a[best][p])) {
                    best = r;
                }
            }
            double[] t = a[p];
            a[p] = a[best];
            a[best] = t;
            if (Math.abs(a[p][p]) < 1e-12) {
                continue; // singular: this term is not exercised
            }
            for (int r = 0; r < m; r++) {
                if (r != p) {
                    double f = a[r][p] / a[p][p];
                    for (int col = p; col <= m; col++) {
                        a[r][col] -= f * a[p][col];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int r = 0; r < m; r++) {
            x[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : a[r][m] / a[r][r] / scale[r];
        }
        return x;
    }
}
