package dev.aiosim.workloads.trace;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Parsing one field of a trace row, failing with {@code file:line: field: expected ..., got '...'}.
 * Exists so every reader states the same expectations in the same words.
 */
public final class Fields {
    private Fields() {}

    /** Where a row is: the file as the user named it and the 1-based line. */
    public record At(String file, long line) {
        /** The error for {@code field} of this row. */
        public TraceFormatException error(String field, String expected, String got) {
            return new TraceFormatException(file, line, field, expected, got);
        }

        /** The error for a break of the file's structure that no skipping can repair. */
        public TraceFormatException structureError(String field, String expected, String got) {
            return new TraceFormatException(file, line, field, expected, got, false);
        }
    }

    /**
     * A token count: a plain decimal integer (digits only) >= {@code min} that fits an int.
     *
     * @param why appended to the expectation, e.g. {@code " (a call generates at least one token)"}, or empty
     */
    public static int integer(At at, String field, String text, int min, String why) {
        String t = text.trim();
        long v = -1;
        if (!t.isEmpty() && t.length() <= 10) {
            v = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    v = -1;
                    break;
                }
                v = v * 10 + (c - '0');
            }
        }
        if (v < min || v > Integer.MAX_VALUE) {
            throw at.error(field, "an integer >= " + min + why, t);
        }
        return (int) v;
    }

    /**
     * A non-negative time in units of {@code unitNanos} nanoseconds (1_000_000_000 for seconds,
     * 1_000_000 for milliseconds, 1 for nanoseconds), possibly fractional, converted to
     * nanoseconds exactly and then rounded half-even to a whole nanosecond.
     *
     * @param unit the unit's name for the message, e.g. {@code seconds}
     */
    public static long time(At at, String field, String text, long unitNanos, String unit) {
        String t = text.trim();
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw at.error(field, "a number of " + unit + " >= 0", t);
        }
        return time(at, field, v, t, unitNanos, unit);
    }

    /** {@link #time(At, String, String, long, String)} for a number already parsed (JSON); {@code text} is shown in errors. */
    public static long time(At at, String field, BigDecimal v, String text, long unitNanos, String unit) {
        // bound the magnitude first so that a text like 1e999999999 cannot make the conversion slow
        if (v.signum() >= 0 && v.precision() - v.scale() <= 20 && v.scale() <= 40) {
            try {
                return v.multiply(BigDecimal.valueOf(unitNanos)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            } catch (ArithmeticException e) {
                // too large for a long: the error below
            }
        }
        throw at.error(field, "a number of " + unit + " >= 0", text);
    }
}
