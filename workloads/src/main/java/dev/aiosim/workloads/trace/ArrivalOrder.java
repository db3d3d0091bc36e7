package dev.aiosim.workloads.trace;

/**
 * Checks that a trace's rows arrive in non-decreasing time, remembering the last accepted time as
 * the file wrote it, so that a row going backwards is reported with both values. One per source.
 *
 * <p>A row going backwards is a bad row (skippable), but when {@value #OUTLIER_RUN} rows in a
 * row go back before the same accepted row, that row is the likely culprit: dated ahead of the
 * rows after it, it would make every later row be skipped. That is reported, naming its line, as
 * an error that skipping cannot repair.
 */
public final class ArrivalOrder {
    /** Consecutive rows going back before one accepted row that make it the suspect. */
    public static final int OUTLIER_RUN = 2;

    private boolean started;
    private long lastNanos;
    private String lastText;
    private long lastLine;
    private int backwards;

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
            if (++backwards >= OUTLIER_RUN) {
                throw at.structureError(field, "a time not before line " + lastLine + "'s " + lastText + " ("
                        + backwards + " rows in a row go back before it, so line " + lastLine
                        + " is probably dated ahead of the rows after it)", text);
            }
            throw at.error(field, "a time not before the previous row's " + lastText, text);
        }
        started = true;
        lastNanos = nanos;
        lastText = text;
        lastLine = at.line();
        backwards = 0;
    }
}
