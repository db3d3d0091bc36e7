package dev.aiosim.workloads.trace.azure;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the Azure traces' wall-clock text ({@code 2023-11-16 18:15:46.6805900}) to nanoseconds
 * since the epoch, exactly (the traces carry 100 ns resolution, a double would not). Also accepts
 * a {@code T} separator, 0 to 9 fractional digits and a trailing {@code Z} or {@code +hh:mm}
 * offset, should a later release of the trace use them.
 */
final class AzureTimestamps {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private AzureTimestamps() {}

    /** Nanoseconds since 1970-01-01T00:00 (UTC when an offset is given), or throws IllegalArgumentException. */
    static long parseNanos(CharSequence s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            throw new IllegalArgumentException("layout");
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException("time of day");
        }
        long nanos = 0;
        int i = 19;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            long frac = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                if (i - start == 9) {
                    throw new IllegalArgumentException("more than 9 fractional digits");
                }
                frac = frac * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("no fractional digits");
            }
            for (int k = i - start; k < 9; k++) {
                frac *= 10;
            }
            nanos = frac;
        }
        long offsetSeconds = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (c == 'Z' && i == n - 1) {
                i++;
            } else if ((c == '+' || c == '-') && n - i == 6 && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, i + 3);
                int om = digits(s, i + 4, i + 6);
                offsetSeconds = (c == '-' ? -1L : 1L) * (oh * 3600L + om * 60L);
                i = n;
            } else {
                throw new IllegalArgumentException("trailing text");
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date", e);
        }
        long secondsOfDay = hour * 3600L + minute * 60L + second - offsetSeconds;
        return Math.addExact(Math.multiplyExact(epochDay, NANOS_PER_DAY), secondsOfDay * 1_000_000_000L + nanos);
    }

    private static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("digit expected");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
