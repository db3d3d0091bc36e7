package dev.aiosim.workloads.trace;

import java.util.Objects;

/**
 * The {@link OnBadRow} rule applied in one place: a reader parses a row, throws a
 * {@link TraceFormatException} when it is bad, and hands the exception here, which rethrows it
 * ({@code FAIL}) or counts the row ({@code SKIP}). Exists so that no reader can drop a row
 * without counting it.
 */
public final class BadRows {
    private final OnBadRow onBadRow;
    private long skipped;

    public BadRows(OnBadRow onBadRow) {
        this.onBadRow = Objects.requireNonNull(onBadRow, "onBadRow");
    }

    /** Rethrows {@code e} under {@link OnBadRow#FAIL}; counts {@code rows} skipped rows under {@link OnBadRow#SKIP}. */
    public void handle(TraceFormatException e, long rows) {
        if (onBadRow == OnBadRow.FAIL) {
            throw e;
        }
        skipped += rows;
    }

    /** {@link #handle(TraceFormatException, long)} for one row. */
    public void handle(TraceFormatException e) {
        handle(e, 1);
    }

    /** Whether bad rows are skipped rather than fatal. */
    public boolean skipping() {
        return onBadRow == OnBadRow.SKIP;
    }

    /** Rows skipped so far. */
    public long skipped() {
        return skipped;
    }
}
