package dev.aiosim.kernel.time;

/**
 * Virtual time would pass {@link Long#MAX_VALUE} nanoseconds (about 292 years). That only
 * happens when a number the user gave (a latency, a rate, a horizon, a trace timestamp) is far
 * outside the range where the model means anything, so it is a user error naming what
 * overflowed, never a clock that silently wraps or saturates into a plausible-looking result.
 */
public final class VirtualTimeOverflow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param what what was being computed, e.g. {@code workload.arrivals: arrival of agent 12} */
    public VirtualTimeOverflow(String what) {
        super(what + ": virtual time would pass 2^63-1 ns (about 292 years); the value behind it is far outside"
                + " the range the model is meant for");
    }

    /**
     * {@code t + d} in exact arithmetic.
     *
     * @param what names the computation for the message
     * @throws VirtualTimeOverflow when the sum does not fit a {@code long}
     */
    public static long add(long t, long d, String what) {
        long r = t + d;
        if (((t ^ r) & (d ^ r)) < 0) {
            throw new VirtualTimeOverflow(what);
        }
        return r;
    }

    /**
     * Seconds as whole nanoseconds, rounded; refuses what does not fit instead of saturating.
     *
     * @throws VirtualTimeOverflow for NaN, infinities and values beyond the {@code long} range
     */
    public static long nanosOfSeconds(double seconds, String what) {
        double ns = seconds * Nanos.PER_SECOND;
        if (!(Math.abs(ns) < 0x1p63)) {
            throw new VirtualTimeOverflow(what);
        }
        return Math.round(ns);
    }
}
