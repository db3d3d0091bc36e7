package dev.aiosim.workloads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A distribution of a length (tokens, rounds) or a duration, as written in a spec; exists so
 * every sampled quantity of a workload is described the same way.
 * <ul>
 *   <li>{@code fixed}: always {@code value};</li>
 *   <li>{@code uniform}: uniform on [{@code min}, {@code max}]; integers, both ends included,
 *       for tokens and rounds; continuous for durations;</li>
 *   <li>{@code lognormal}: parameterised by {@code mean}, the <em>arithmetic mean of the
 *       distribution itself</em> (not of the underlying normal), and {@code sigma}, the standard
 *       deviation of the underlying normal: {@code ln X ~ N(mu, sigma^2)} with
 *       {@code mu = ln(mean) - sigma^2/2}, so E[X] = mean;</li>
 *   <li>{@code exponential}: exponential with the given {@code mean};</li>
 *   <li>{@code empirical}: uniformly one of the values of column {@code column} of the file
 *       {@code file} (CSV with a header row, or JSON lines, told by a first non-blank character
 *       <code>{</code>; relative paths against the spec's folder), e.g. {@code {dist: empirical, file: traces/azure.csv, column: ContextTokens}};
 *       tokens and rounds only.</li>
 * </ul>
 * {@code lognormal}, {@code exponential} and {@code empirical} take optional {@code min} and
 * {@code max} that clamp each sample. Token and round samples are rounded to the nearest integer
 * and are at least 1. Durations are written as {@code 250ms}, {@code 1.5s}, {@code 2m},
 * {@code 40us}, {@code 100ns}, {@code 1h} or a plain number of seconds, and are at least 0.
 *
 * @param dist {@code fixed}, {@code uniform}, {@code lognormal}, {@code exponential} or {@code empirical}
 * @param value fixed: the value
 * @param min uniform: lower end; others: optional lower clamp
 * @param max uniform: upper end; others: optional upper clamp
 * @param mean lognormal, exponential: the mean
 * @param sigma lognormal: sigma of the underlying normal, >= 0
 * @param file empirical: file to read values from
 * @param column empirical: column (CSV header name or JSON field)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DistSpec(
        @JsonProperty("dist") String dist,
        @JsonProperty("value") Object value,
        @JsonProperty("min") Object min,
        @JsonProperty("max") Object max,
        @JsonProperty("mean") Object mean,
        @JsonProperty("sigma") Object sigma,
        @JsonProperty("file") String file,
        @JsonProperty("column") String column) {

    /** Known distribution names. */
    public static final List<String> DISTS = List.of("fixed", "uniform", "lognormal", "exponential", "empirical");

    /** What a distribution is a distribution of; decides the accepted values and units. */
    public enum Unit {
        /** Token counts: integers >= 1. */
        TOKENS,
        /** Counts such as rounds: integers >= 1. */
        COUNT,
        /** Durations: >= 0, in seconds or with a unit. */
        DURATION
    }

    public static DistSpec fixed(Object value) {
        return new DistSpec("fixed", value, null, null, null, null, null, null);
    }

    public static DistSpec uniform(Object min, Object max) {
        return new DistSpec("uniform", null, min, max, null, null, null, null);
    }

    public static DistSpec lognormal(Object mean, double sigma) {
        return new DistSpec("lognormal", null, null, null, mean, sigma, null, null);
    }

    public static DistSpec exponential(Object mean) {
        return new DistSpec("exponential", null, null, null, mean, null, null, null);
    }

    public static DistSpec empirical(String file, String column) {
        return new DistSpec("empirical", null, null, null, null, null, file, column);
    }

    /** This distribution with clamps (null for none). */
    public DistSpec clamped(Object min, Object max) {
        return new DistSpec(dist, value, min, max, mean, sigma, file, column);
    }

    /**
     * A numeric field read in the unit's terms (seconds for durations).
     *
     * @param field {@code value}, {@code min}, {@code max}, {@code mean} or {@code sigma}
     * @return the number, or NaN when the field is absent or not a number
     */
    public double number(String field, Unit unit) {
        Object v = switch (field) {
            case "value" -> value;
            case "min" -> min;
            case "max" -> max;
            case "mean" -> mean;
            case "sigma" -> sigma;
            default -> throw new IllegalArgumentException("not a numeric field: " + field);
        };
        if (v == null) {
            return Double.NaN;
        }
        return unit == Unit.DURATION && !field.equals("sigma") ? Spec.seconds(v) : Spec.number(v);
    }

    /**
     * Checks names, required fields and ranges.
     *
     * @param path where this distribution sits, e.g. {@code workload.program.output}
     * @throws IllegalArgumentException naming the bad field's path, what was expected and what was found
     */
    public void validate(String path, Unit unit) {
        if (dist == null || !DISTS.contains(dist)) {
            throw new IllegalArgumentException(path + ".dist: expected one of " + String.join(", ", DISTS)
                    + ", got " + Spec.show(dist));
        }
        Map<String, Object> present = new LinkedHashMap<>();
        present.put("value", value);
        present.put("min", min);
        present.put("max", max);
        present.put("mean", mean);
        present.put("sigma", sigma);
        present.put("file", file);
        present.put("column", column);
        List<String> used = switch (dist) {
            case "fixed" -> List.of("value");
            case "uniform" -> List.of("min", "max");
            case "lognormal" -> List.of("mean", "sigma", "min", "max");
            case "exponential" -> List.of("mean", "min", "max");
            default -> List.of("file", "column", "min", "max");
        };
        for (var e : present.entrySet()) {
            if (!used.contains(e.getKey())) {
                Spec.unused(path, e.getKey(), e.getValue(), "by dist " + dist);
            }
        }
        switch (dist) {
            case "fixed" -> check(path, "value", unit, true);
            case "uniform" -> {
                check(path, "min", unit, true);
                check(path, "max", unit, true);
            }
            case "lognormal" -> {
                checkMean(path, unit);
                double s = Spec.number(sigma);
                if (sigma == null || !(s >= 0) || Double.isInfinite(s)) {
                    throw new IllegalArgumentException(path + ".sigma: expected a number >= 0, got " + Spec.show(sigma));
                }
            }
            case "exponential" -> checkMean(path, unit);
            default -> {
                if (unit == Unit.DURATION) {
                    throw new IllegalArgumentException(path + ".dist: empirical is for token counts and rounds, "
                            + "expected one of fixed, uniform, lognormal, exponential for a duration");
                }
                if (file == null || file.isBlank()) {
                    throw new IllegalArgumentException(path + ".file: expected a CSV or JSONL file, got " + Spec.show(file));
                }
                if (column == null || column.isBlank()) {
                    throw new IllegalArgumentException(path + ".column: expected a column name, got " + Spec.show(column));
                }
            }
        }
        if (!dist.equals("uniform") && !dist.equals("fixed")) {
            check(path, "min", unit, false);
            check(path, "max", unit, false);
        }
        double lo = number("min", unit);
        double hi = number("max", unit);
        if (lo > hi) {
            throw new IllegalArgumentException(path + ".max: expected a value >= min (" + Spec.show(min) + "), got "
                    + Spec.show(max));
        }
    }

    private void checkMean(String path, Unit unit) {
        double m = number("mean", unit);
        if (!(m > 0) || Double.isInfinite(m)) {
            throw new IllegalArgumentException(path + ".mean: expected " + (unit == Unit.DURATION
                    ? "a duration > 0 (like 250ms, 1.5s or seconds)" : "a number > 0") + ", got " + Spec.show(mean));
        }
    }

    private void check(String path, String field, Unit unit, boolean required) {
        Object raw = switch (field) {
            case "value" -> value;
            case "min" -> min;
            case "max" -> max;
            default -> throw new IllegalStateException(field);
        };
        if (raw == null && !required) {
            return;
        }
        double v = number(field, unit);
        boolean ok = unit == Unit.DURATION
                ? v >= 0 && !Double.isInfinite(v)
                : v >= 1 && v == Math.rint(v) && v <= Integer.MAX_VALUE;
        if (raw == null || !ok) {
            String expected = unit == Unit.DURATION
                    ? "a duration >= 0 (like 250ms, 1.5s, 2m or seconds)"
                    : "an integer >= 1";
            throw new IllegalArgumentException(path + "." + field + ": expected " + expected + ", got " + Spec.show(raw));
        }
    }
}
