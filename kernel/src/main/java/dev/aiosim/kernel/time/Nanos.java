package dev.aiosim.kernel.time;

/** Unit conversions for virtual time, which is always a {@code long} count of nanoseconds. */
public final class Nanos {
    public static final long PER_MICRO = 1_000L;
    public static final long PER_MILLI = 1_000_000L;
    public static final long PER_SECOND = 1_000_000_000L;

    private Nanos() {}

    public static long ofSeconds(double seconds) {
        return Math.round(seconds * PER_SECOND);
    }

    public static long ofMillis(double millis) {
        return Math.round(millis * PER_MILLI);
    }

    public static double toSeconds(long nanos) {
        return nanos / (double) PER_SECOND;
    }

    /** Microseconds, rounded down: the unit of every histogram and every {@code _us} column. */
    public static long toMicros(long nanos) {
        return nanos / PER_MICRO;
    }
}
