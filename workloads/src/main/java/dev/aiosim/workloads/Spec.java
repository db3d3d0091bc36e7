package dev.aiosim.workloads;

import dev.aiosim.kernel.time.Durations;
import java.util.Collection;

/** Helpers shared by the spec records: showing values in messages and reading scalars. */
final class Spec {
    private Spec() {}

    /** A value as a message shows it: {@code nothing} for absent, numbers without a needless .0. */
    static String show(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Float f) {
            return show(f.doubleValue());
        }
        if (v instanceof Number) {
            return v.toString();
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return v.toString();
    }

    static void unused(String path, String field, Object value, String why) {
        if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
            throw new IllegalArgumentException(path + "." + field + ": not used " + why + ", got " + show(value));
        }
    }

    /** A plain number (a Number, or text holding one), or NaN if it is not one. */
    static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A duration in seconds: a number of seconds or text like 250ms, 1.5s, 2m; NaN if neither. */
    static double seconds(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Durations.parseSeconds(s);
            } catch (IllegalArgumentException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
