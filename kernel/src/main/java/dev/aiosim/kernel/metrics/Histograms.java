package dev.aiosim.kernel.metrics;

import org.HdrHistogram.Histogram;

/** The one histogram shape used everywhere: microseconds, auto-resizing, 3 significant digits. */
public final class Histograms {
    private Histograms() {}

    public static Histogram micros() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }

    /** Records a duration given in nanoseconds; negative values (did not happen) are ignored. */
    public static void recordNanos(Histogram h, long nanos) {
        if (nanos >= 0) {
            h.recordValue(nanos / 1_000L);
        }
    }

    /** Value at a percentile in seconds, or NaN when empty. */
    public static double seconds(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    /** Mean in seconds, or NaN when empty. */
    public static double meanSeconds(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1e6;
    }
}
