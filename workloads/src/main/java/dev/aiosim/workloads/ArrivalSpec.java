package dev.aiosim.workloads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * When generated agents arrive; exists so a spec can choose between a closed batch and open
 * arrival processes of a given burstiness.
 * <ul>
 *   <li>{@code all-at-once}: every agent at t = 0;</li>
 *   <li>{@code poisson}: exponential inter-arrival times with mean {@code 1/rate} seconds;</li>
 *   <li>{@code gamma}: gamma inter-arrival times with mean {@code 1/rate} seconds and
 *       coefficient of variation {@code cv} (shape {@code 1/cv^2}); cv = 1 is Poisson, cv &gt; 1
 *       is burstier.</li>
 * </ul>
 * For the open processes the first agent arrives at t = 0 and each next one after one sampled
 * inter-arrival gap (so N agents span N-1 gaps), as a trace replay starts at its first row.
 *
 * @param process {@code all-at-once}, {@code poisson} or {@code gamma}
 * @param rate agents per second (poisson, gamma), > 0
 * @param cv coefficient of variation of the gaps (gamma), > 0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArrivalSpec(
        @JsonProperty("process") String process,
        @JsonProperty("rate") Double rate,
        @JsonProperty("cv") Double cv) {

    /** Known process names. */
    public static final List<String> PROCESSES = List.of("all-at-once", "poisson", "gamma");

    public static ArrivalSpec allAtOnce() {
        return new ArrivalSpec("all-at-once", null, null);
    }

    public static ArrivalSpec poisson(double rate) {
        return new ArrivalSpec("poisson", rate, null);
    }

    public static ArrivalSpec gamma(double rate, double cv) {
        return new ArrivalSpec("gamma", rate, cv);
    }

    /** Checks this part of a spec; messages start with {@code path}. */
    public void validate(String path) {
        if (process == null || !PROCESSES.contains(process)) {
            throw new IllegalArgumentException(path + ".process: expected one of " + String.join(", ", PROCESSES)
                    + ", got " + Spec.show(process));
        }
        switch (process) {
            case "all-at-once" -> {
                Spec.unused(path, "rate", rate, "by process all-at-once");
                Spec.unused(path, "cv", cv, "by process all-at-once");
            }
            case "poisson" -> {
                positive(path + ".rate", rate);
                Spec.unused(path, "cv", cv, "by process poisson (use gamma for cv != 1)");
            }
            default -> {
                positive(path + ".rate", rate);
                positive(path + ".cv", cv);
            }
        }
    }

    private static void positive(String path, Double v) {
        if (v == null || !(v > 0) || v.isInfinite()) {
            throw new IllegalArgumentException(path + ": expected a number > 0, got " + Spec.show(v));
        }
    }
}
