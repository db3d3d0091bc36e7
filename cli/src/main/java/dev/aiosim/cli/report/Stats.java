package dev.aiosim.cli.report;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Mean, sample standard deviation and the half-width of a 95% Student-t confidence interval
 * ({@code t(0.975, n-1) x s / sqrt(n)}) over the finite values given; NaN values (a metric a run
 * could not measure) are left out. With one value the half-width is NaN.
 *
 * @param n finite values
 * @param mean their mean
 * @param stddev sample standard deviation
 * @param halfWidth 95% CI half-width
 */
public record Stats(int n, double mean, double stddev, double halfWidth) {
    /** Summarises the finite values of {@code xs}. */
    public static Stats of(double[] xs) {
        int n = 0;
        double sum = 0;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                n++;
                sum += x;
            }
        }
        if (n == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Stats(1, mean, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(0.975);
        return new Stats(n, mean, sd, t * sd / Math.sqrt(n));
    }

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }

    /** Whether there is an interval (two values or more) and 0 lies outside it. */
    public boolean excludesZero() {
        return !Double.isNaN(halfWidth) && (low() > 0 || high() < 0);
    }
}
