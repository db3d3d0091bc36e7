package dev.aiosim.workloads.trace;

import java.util.Objects;
import java.util.function.LongSupplier;

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

    /**
     * Rethrows {@code e} under {@link OnBadRow#FAIL}, or when it is not
     * {@linkplain TraceFormatException#skippable() skippable}; counts {@code rows} skipped rows under
     * {@link OnBadRow#SKIP}. {@code rows} is asked only when skipping, so it may read on (to the end
     * of a session) without a later line's error hiding this one.
     */
    public void handle(TraceFormatException e, LongSupplier rows) {
        if (onBadRow == OnBadRow.FAIL || !e.skippable()) {
            throw e;
        }
        skipped += rows.getAsLong();
    }

    /** {@link #handle(TraceFormatException, LongSupplier)} for one row. */
    public void handle(TraceFormatException e) {
        handle(e, () -> 1);
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
