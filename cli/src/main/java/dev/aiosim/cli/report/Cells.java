package dev.aiosim.cli.report;

import java.util.Locale;

/** Number formats for console cells: short, readable, Locale.ROOT. */
final class Cells {
    /** "±" where the console takes UTF-8, "+-" elsewhere. */
    static final String PLUS_MINUS = plusMinus();

    private Cells() {}

    private static String plusMinus() {
        String enc = System.getProperty("stdout.encoding", System.getProperty("file.encoding", ""));
        return enc.toUpperCase(Locale.ROOT).replace("-", "").startsWith("UTF8") ? "±" : "+-";
    }

    /** Seconds: 3 decimals below 100, 1 above; "-" for NaN. */
    static String secs(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(s) < 100 ? "%.3f" : "%.1f", s);
    }

    /** A rate or count with one decimal. */
    static String num(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f", x);
    }

    /** A whole number. */
    static String count(double x) {
        return Double.isNaN(x) ? "-" : Long.toString(Math.round(x));
    }

    /** {@code mean ± half-width} in the given format; no interval with one value. */
    static String ci(Stats s, java.util.function.DoubleFunction<String> f) {
        if (s.n() == 0) {
            return "-";
        }
        return Double.isNaN(s.halfWidth()) ? f.apply(s.mean()) : f.apply(s.mean()) + " " + PLUS_MINUS + " " + f.apply(s.halfWidth());
    }
}
