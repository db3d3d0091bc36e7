package dev.aiosim.kernel.time;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses human durations used in specs and policy parameters: {@code 250ms}, {@code 1.5s},
 * {@code 2m}, {@code 1h}, {@code 40us}, {@code 100ns}; a plain number means seconds.
 */
public final class Durations {
    private static final Pattern P = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*(ns|us|ms|s|m|h)?\\s*");

    private Durations() {}

    /** True if {@code text} carries an explicit time unit (so {@code 64} is not a duration). */
    public static boolean hasUnit(String text) {
        Matcher m = P.matcher(text);
        return m.matches() && m.group(2) != null;
    }

    /** Seconds as a double (for distribution parameters); same forms and errors as {@link #parseNanos}. */
    public static double parseSeconds(String text) {
        Matcher m = P.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 250ms, 1.5s, 2m or a number of seconds, got '" + text + "'");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "ns" -> v / 1e9;
            case "us" -> v / 1e6;
            case "ms" -> v / 1e3;
            case "s" -> v;
            case "m" -> v * 60;
            case "h" -> v * 3600;
            default -> throw new IllegalStateException(unit);
        };
    }

    /** Virtual nanoseconds; throws IllegalArgumentException with the expected forms. */
    public static long parseNanos(String text) {
        double nanos = parseSeconds(text) * 1e9;
        if (nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration too large: '" + text + "'");
        }
        return Math.round(nanos);
    }
}
