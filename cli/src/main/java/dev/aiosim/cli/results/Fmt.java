package dev.aiosim.cli.results;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Locale-independent, fixed-decimal number text for result files, so that equal numbers are
 * always equal bytes. Missing values (NaN) are written as an empty field.
 */
public final class Fmt {
    private Fmt() {}

    /** {@code x} with {@code decimals} digits after the point; NaN gives "". */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (decimals == 0) {
            return Long.toString(Math.round(x));
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
        return s.startsWith("-") && s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** Shortest exact text of a double without exponent: 1, 0.5, 2.25. */
    public static String plain(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return fixed(x, 1);
        }
        String s = BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
