package dev.aiosim.kernel.time;

import dev.aiosim.kernel.units.UnitNumber;

/**
 * Parses durations, the one syntax of specs, policy parameters and options: a decimal number
 * ({@code 250}, {@code 1.5}, {@code .5}, {@code 2e3}) and a unit, {@code ns}, {@code us} (also
 * {@code µs}), {@code ms}, {@code s} (also {@code sec}), {@code m} (also {@code min}) or
 * {@code h}, possibly after a space; a plain number means seconds. Nanoseconds are computed
 * exactly from the decimal text and rounded half up to a whole nanosecond; a duration beyond
 * {@link Long#MAX_VALUE} ns (about 292 years) is an error naming the value, never a wrapped one.
 */
public final class Durations {
    /** The start of every error message: what a duration looks like. */
    public static final String EXPECTED = "expected a duration like 250ms, 1.5s, 2m, 1h or a number of seconds";

    private Durations() {}

    /** A time unit: its length in nanoseconds and how a double of it becomes seconds. */
    private enum Unit {
        NS(1L), US(1_000L), MS(1_000_000L), S(1_000_000_000L), M(60_000_000_000L), H(3_600_000_000_000L);

        final long nanos;

        Unit(long nanos) {
            this.nanos = nanos;
        }

        /** The unit written {@code text}, or null when it is not a time unit. */
        static Unit of(String text) {
            return switch (text) {
                case "ns" -> NS;
                case "us", "µs", "μs" -> US;
                case "ms" -> MS;
                case "s", "sec" -> S;
                case "m", "min" -> M;
                case "h" -> H;
                default -> null;
            };
        }

        /** {@code v} of this unit in seconds, in double arithmetic (for distribution parameters). */
        double seconds(double v) {
            return switch (this) {
                case NS -> v / 1e9;
                case US -> v / 1e6;
                case MS -> v / 1e3;
                case S -> v;
                case M -> v * 60;
                case H -> v * 3600;
            };
        }
    }

    /** True if {@code text} is a duration with an explicit time unit (so {@code 64} is not one). */
    public static boolean hasUnit(String text) {
        UnitNumber n = UnitNumber.parse(text);
        return n != null && n.unit() != null && Unit.of(n.unit()) != null;
    }

    /**
     * Whole nanoseconds, exact.
     *
     * @throws IllegalArgumentException saying what was expected and what was given, also when the
     *     value is out of range
     */
    public static long parseNanos(String text) {
        UnitNumber n = UnitNumber.parse(text);
        Unit unit = unit(n, text);
        try {
            return n.times(unit.nanos);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "', which is out of range (more than "
                    + Long.MAX_VALUE + " ns, about 292 years)");
        }
    }

    /** Seconds as a double (for distribution parameters); same forms and errors as {@link #parseNanos} but no range. */
    public static double parseSeconds(String text) {
        UnitNumber n = UnitNumber.parse(text);
        return unit(n, text).seconds(Double.parseDouble(n.number()));
    }

    private static Unit unit(UnitNumber n, String text) {
        if (n == null) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        if (n.unit() == null) {
            return Unit.S;
        }
        Unit u = Unit.of(n.unit());
        if (u == null) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (unknown unit '" + n.unit() + "')");
        }
        return u;
    }
}
