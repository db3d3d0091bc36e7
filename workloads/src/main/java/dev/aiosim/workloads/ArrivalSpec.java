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
 *       is burstier;</li>
 *   <li>{@code onoff}: bursts, as a two-state Markov-modulated Poisson process: Poisson arrivals
 *       at {@code rate-on} during "on" periods and at {@code rate-off} (may be 0) during "off"
 *       periods, whose lengths are exponential with means {@code on} and {@code off}. The
 *       initial state is drawn from the stationary distribution (on with probability
 *       on/(on+off)), so the long-run rate (rate-on*on + rate-off*off)/(on+off) holds from
 *       t = 0.</li>
 * </ul>
 * For the open processes the first agent arrives at t = 0 and each next one after one sampled
 * inter-arrival gap (so N agents span N-1 gaps), as a trace replay starts at its first row.
 * {@code poisson}, {@code gamma} and {@code onoff} take an optional {@code diurnal} multiplier
 * ({@link DiurnalSpec}).
 *
 * @param process {@code all-at-once}, {@code poisson}, {@code gamma} or {@code onoff}
 * @param rate agents per second (poisson, gamma), > 0
 * @param cv coefficient of variation of the gaps (gamma), > 0
 * @param rateOn onoff: agents per second while on, > 0
 * @param rateOff onoff: agents per second while off, >= 0
 * @param on onoff: mean length of an on period, a duration > 0
 * @param off onoff: mean length of an off period, a duration > 0
 * @param diurnal optional periodic rate multiplier (not with all-at-once)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArrivalSpec(
        @JsonProperty("process") String process,
        @JsonProperty("rate") Double rate,
        @JsonProperty("cv") Double cv,
        @JsonProperty("rate-on") Double rateOn,
        @JsonProperty("rate-off") Double rateOff,
        @JsonProperty("on") Object on,
        @JsonProperty("off") Object off,
        @JsonProperty("diurnal") DiurnalSpec diurnal) {

    /** Known process names. */
    public static final List<String> PROCESSES = List.of("all-at-once", "poisson", "gamma", "onoff");

    public static ArrivalSpec allAtOnce() {
        return new ArrivalSpec("all-at-once", null, null, null, null, null, null, null);
    }

    public static ArrivalSpec poisson(double rate) {
        return new ArrivalSpec("poisson", rate, null, null, null, null, null, null);
    }

    public static ArrivalSpec gamma(double rate, double cv) {
        return new ArrivalSpec("gamma", rate, cv, null, null, null, null, null);
    }

    /** On/off bursts; {@code on} and {@code off} are durations (seconds or text like 30s). */
    public static ArrivalSpec onOff(double rateOn, double rateOff, Object on, Object off) {
        return new ArrivalSpec("onoff", null, null, rateOn, rateOff, on, off, null);
    }

    /** This process with a diurnal multiplier. */
    public ArrivalSpec withDiurnal(DiurnalSpec d) {
        return new ArrivalSpec(process, rate, cv, rateOn, rateOff, on, off, d);
    }

    /** Mean on-period length in seconds (onoff). */
    public double onSeconds() {
        return Spec.seconds(on);
    }

    /** Mean off-period length in seconds (onoff). */
    public double offSeconds() {
        return Spec.seconds(off);
    }

    /** Checks this part of a spec; messages start with {@code path}. */
    public void validate(String path) {
        if (process == null || !PROCESSES.contains(process)) {
            throw new IllegalArgumentException(path + ".process: expected one of " + String.join(", ", PROCESSES)
                    + ", got " + Spec.show(process));
        }
        String by = "by process " + process;
        if (!process.equals("onoff")) {
            Spec.unused(path, "rate-on", rateOn, by);
            Spec.unused(path, "rate-off", rateOff, by);
            Spec.unused(path, "on", on, by);
            Spec.unused(path, "off", off, by);
        }
        switch (process) {
            case "all-at-once" -> {
                Spec.unused(path, "rate", rate, by);
                Spec.unused(path, "cv", cv, by);
                Spec.unused(path, "diurnal", diurnal, by);
            }
            case "poisson" -> {
                rate(path + ".rate", rate);
                Spec.unused(path, "cv", cv, "by process poisson (use gamma for cv != 1)");
            }
            case "gamma" -> {
                rate(path + ".rate", rate);
                positive(path + ".cv", cv);
            }
            default -> {
                Spec.unused(path, "rate", rate, "by process onoff (use rate-on and rate-off)");
                Spec.unused(path, "cv", cv, by);
                rate(path + ".rate-on", rateOn);
                if (rateOff == null || !(rateOff >= 0) || !(rateOff <= MAX_RATE)) {
                    throw new IllegalArgumentException(path + ".rate-off: expected agents per second >= 0 and <= 1e9 (one per"
                            + " nanosecond, the clock's resolution), got " + Spec.show(rateOff));
                }
                positiveDuration(path + ".on", on);
                positiveDuration(path + ".off", off);
            }
        }
        if (diurnal != null) {
            diurnal.validate(path + ".diurnal");
        }
    }

    /** Arrival rates above one agent per nanosecond cannot be told apart on the virtual clock. */
    private static final double MAX_RATE = 1e9;

    private static void rate(String path, Double v) {
        if (v == null || !(v > 0) || !(v <= MAX_RATE)) {
            throw new IllegalArgumentException(path + ": expected agents per second > 0 and <= 1e9 (one per nanosecond,"
                    + " the clock's resolution), got " + Spec.show(v));
        }
    }

    private static void positive(String path, Double v) {
        if (v == null || !(v > 0) || v.isInfinite()) {
            throw new IllegalArgumentException(path + ": expected a number > 0, got " + Spec.show(v));
        }
    }

    private static void positiveDuration(String path, Object v) {
        double s = Spec.seconds(v);
        if (v == null || !(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException(path + ": expected a duration > 0 (like 30s, 2m or seconds), got " + Spec.show(v));
        }
    }
}
