package dev.aiosim.workloads.trace;

/**
 * Checks that a trace's rows arrive in non-decreasing time, remembering the last accepted time as
 * the file wrote it, so that a row going backwards is reported with both values. One per source.
 */
public final class ArrivalOrder {
    private boolean started;
    private long lastNanos;
    private String lastText;

    /**
     * Accepts the row's arrival, or throws when it is before the previous accepted row's.
     *
     * @param at where the row is
     * @param field the arrival column or key
     * @param nanos the arrival in nanoseconds
     * @param text the arrival as written in the file
     * @throws TraceFormatException naming the field and both times
     */
    public void check(Fields.At at, String field, long nanos, String text) {
        if (started && nanos < lastNanos) {
            throw at.error(field, "a time not before the previous row's " + lastText, text);
        }
        started = true;
        lastNanos = nanos;
        lastText = text;
    }
}
