package dev.aiosim.workloads.replay;

import dev.aiosim.kernel.time.Durations;

/**
 * The replay options of a trace workload, checked and in kernel units. Selection comes first, in
 * this order: the time window (in the trace's own time; arrivals are shifted so the window starts
 * at 0), the seeded sample, the limit; then the time scale: arrivals are divided by
 * {@code speedup}, or rescaled so the selected agents arrive at {@code rate} per second on
 * average. Only arrival times are scaled: service comes from the cost model, and tool waits
 * inside a session keep their recorded length.
 *
 * @param windowFrom start of the window in trace nanoseconds (inclusive), 0 for the start
 * @param windowTo end of the window in trace nanoseconds (exclusive), {@link Long#MAX_VALUE} for none
 * @param sample probability of keeping each agent, in (0, 1]; 1 keeps all
 * @param limit most agents to keep, {@link Long#MAX_VALUE} for no limit
 * @param speedup divide arrival times by this, > 0; 1 for real time
 * @param rate target mean arrival rate in agents per second, or 0 to keep the trace's
 */
public record ReplayOptions(long windowFrom, long windowTo, double sample, long limit, double speedup, double rate) {

    /** Replays the whole trace at its own pace. */
    public static final ReplayOptions NONE = new ReplayOptions(0, Long.MAX_VALUE, 1, Long.MAX_VALUE, 1, 0);

    public ReplayOptions {
        if (windowFrom < 0 || windowTo <= windowFrom) {
            throw new IllegalArgumentException("window: expected FROM..TO with 0 <= FROM < TO, got "
                    + windowFrom + ".." + windowTo + " ns");
        }
        if (!(sample > 0 && sample <= 1)) {
            throw new IllegalArgumentException("sample: expected a probability in (0, 1], got " + sample);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit: expected an integer >= 1, got " + limit);
        }
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup: expected a number > 0, got " + speedup);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate: expected a number > 0, got " + rate);
        }
        if (rate > 0 && speedup != 1) {
            throw new IllegalArgumentException("speedup and rate both scale time: give one of them, got speedup "
                    + speedup + " and rate " + rate);
        }
    }

    /** True when the options change nothing. */
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * Parses a window {@code FROM..TO}: two durations (e.g. {@code 10m..20m}, {@code 0..30s});
     * either side may be empty ({@code 10m..} to the end, {@code ..5m} from the start).
     *
     * @return {from, to} in nanoseconds, {@code to} = {@link Long#MAX_VALUE} when open
     * @throws IllegalArgumentException saying what was expected
     */
    public static long[] parseWindow(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        if (dots < 0 || t.indexOf("..", dots + 2) >= 0) {
            throw new IllegalArgumentException("expected FROM..TO with durations such as 10m..20m, 0..30s or 5m.., got '" + text + "'");
        }
        String from = t.substring(0, dots).trim();
        String to = t.substring(dots + 2).trim();
        long f;
        long e;
        try {
            f = from.isEmpty() ? 0 : Durations.parseNanos(from);
            e = to.isEmpty() ? Long.MAX_VALUE : Durations.parseNanos(to);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("expected FROM..TO with durations such as 10m..20m, 0..30s or 5m.., got '"
                    + text + "'", ex);
        }
        if (f < 0 || e <= f) {
            throw new IllegalArgumentException("expected FROM..TO with FROM < TO, got '" + text + "'");
        }
        return new long[] {f, e};
    }
}
