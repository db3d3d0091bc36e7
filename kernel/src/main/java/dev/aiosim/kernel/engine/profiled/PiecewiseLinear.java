package dev.aiosim.kernel.engine.profiled;

import java.util.Arrays;

/**
 * A measured time as a function of one key (tokens, batch size, KV size), interpolated linearly
 * between measured points. Profiling tables are noisy and repeat keys, so the points are first
 * cleaned, in this order: rows with the same key are averaged; then each value is raised to the
 * largest value at a smaller key (a running maximum), so the time never falls as the key grows.
 * Outside the measured range: below the first key the first value holds (a kernel never gets
 * cheaper than its smallest measured launch); above the last key the time continues linearly
 * with the slope of the secant over the upper half of the measured range (from the first point
 * at or above half the last key to the last point), which follows the trend without hanging on
 * the noise of the last two points. That slope is never negative, so the function is
 * non-decreasing everywhere.
 */
public final class PiecewiseLinear {
    private final double[] keys;
    private final double[] values;
    private final double endSlope;

    private PiecewiseLinear(double[] keys, double[] values, double minEndSlope) {
        this.keys = keys;
        this.values = values;
        int n = keys.length;
        double secant = 0;
        if (n >= 2) {
            int j = n - 2;
            while (j > 0 && keys[j - 1] >= keys[n - 1] / 2) {
                j--;
            }
            secant = (values[n - 1] - values[j]) / (keys[n - 1] - keys[j]);
        }
        endSlope = Math.max(Math.max(0, minEndSlope), secant);
    }

    /**
     * The cleaned function of the given points (any order; repeated keys allowed).
     *
     * @throws IllegalArgumentException when there is no point, the arrays differ in length, or a
     *     key or value is not finite
     */
    public static PiecewiseLinear of(double[] keys, double[] values) {
        return of(keys, values, 0);
    }

    /**
     * As {@link #of(double[], double[])}, with the slope above the last key at least
     * {@code minEndSlope} ({@link LineTable} uses this so that a line never falls below the line
     * under it, even beyond the measured keys).
     */
    static PiecewiseLinear of(double[] keys, double[] values, double minEndSlope) {
        if (keys.length == 0 || keys.length != values.length) {
            throw new IllegalArgumentException("need one value per key and at least one point, got "
                    + keys.length + " keys and " + values.length + " values");
        }
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            if (!Double.isFinite(keys[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("key and value must be finite, got " + keys[i] + " -> " + values[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
        double[] k = new double[keys.length];
        double[] v = new double[keys.length];
        int n = 0;
        for (int i = 0; i < order.length; ) {
            double key = keys[order[i]];
            double sum = 0;
            int count = 0;
            for (; i < order.length && keys[order[i]] == key; i++, count++) {
                sum += values[order[i]];
            }
            k[n] = key;
            v[n] = sum / count;
            n++;
        }
        for (int i = 1; i < n; i++) {
            v[i] = Math.max(v[i], v[i - 1]);
        }
        return new PiecewiseLinear(Arrays.copyOf(k, n), Arrays.copyOf(v, n), minEndSlope);
    }

    /** The value at {@code x}, interpolated or extended as the class says. */
    public double at(double x) {
        int n = keys.length;
        if (x <= keys[0]) {
            return values[0];
        }
        if (x >= keys[n - 1]) {
            return values[n - 1] + endSlope * (x - keys[n - 1]);
        }
        int i = Arrays.binarySearch(keys, x);
        if (i >= 0) {
            return values[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (x - keys[lo]) / (keys[hi] - keys[lo]);
        return values[lo] + f * (values[hi] - values[lo]);
    }

    /** The slope of the extension above the last key, >= 0. */
    double endSlope() {
        return endSlope;
    }

    /** Smallest measured key. */
    public double firstKey() {
        return keys[0];
    }

    /** Largest measured key. */
    public double lastKey() {
        return keys[keys.length - 1];
    }

    /** The measured keys after merging repeats, ascending. */
    public double[] keys() {
        return keys.clone();
    }

    /** The cleaned values at {@link #keys()}. */
    public double[] values() {
        return values.clone();
    }
}
