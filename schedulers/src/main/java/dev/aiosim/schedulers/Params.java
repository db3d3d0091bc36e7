package dev.aiosim.schedulers;

import dev.aiosim.kernel.time.Durations;
import java.util.Map;

/** Reads policy parameters from their raw spec strings with errors that name the parameter. */
public final class Params {
    private Params() {}

    /** A positive duration in nanoseconds, or {@code fallback} when absent. */
    public static long duration(String policy, Map<String, String> params, String key, long fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Durations.parseNanos(v);
            if (n <= 0) {
                throw new IllegalArgumentException("expected a duration > 0, got '" + v + "'");
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy '" + policy + "' parameter '" + key + "': " + e.getMessage());
        }
    }

    /** A number in [min, max], or {@code fallback} when absent. */
    public static double number(String policy, Map<String, String> params, String key, double fallback, double min, double max) {
        return dev.aiosim.schedulers.length.OutputRanking.number("policy '" + policy + "' parameter '" + key + "'",
                params.get(key), fallback, min, max);
    }

    /** A whole number in [min, max], or {@code fallback} when absent. */
    public static int whole(String policy, Map<String, String> params, String key, int fallback, int min, int max) {
        String v = params.get(key);
        if (v != null && !v.trim().matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("policy '" + policy + "' parameter '" + key + "': expected a whole number from "
                    + min + " to " + max + ", got '" + v + "'");
        }
        return (int) number(policy, params, key, fallback, min, max);
    }
}
