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
}
