package dev.aiosim.workloads.trace.burstgpt;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.workloads.trace.ArrivalOrder;
import dev.aiosim.workloads.trace.CsvRows;
import dev.aiosim.workloads.trace.Fields;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.Requests;
import dev.aiosim.workloads.trace.RowSource;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.nio.file.Path;

/**
 * Reads the rows of a BurstGPT trace as agent arrivals (the row loop is {@link RowSource}'s).
 *
 * <p>Mapping: data row k (0-based, blank lines not counted) becomes agent pid k, named
 * {@code req-k}, priority 0, weight 1, group {@code default}, whose program makes one
 * {@code LlmCall(Request tokens, Response tokens)}. Its arrival is {@code Timestamp} seconds
 * (possibly fractional, kept to the nanosecond) after the start of the replay, as written.
 * {@code Session ID}, {@code Elapsed time}, {@code Model}, {@code Total tokens} and
 * {@code Log Type} are not used.
 *
 * <p>A row with 0 {@code Response tokens} is a failed request: filtered, counted in
 * {@link AgentSource#filteredRows()}, not replayed (see the package documentation); its request tokens may
 * then be 0 too.
 *
 * <p>Bad rows, reported as {@code file:line: field: expected ..., got '...'}: a wrong number of
 * fields ({@code row}); a {@code Timestamp} that is not a number >= 0 or is earlier than the
 * previous row's; {@code Response tokens} not an integer >= 0; {@code Request tokens} not an
 * integer >= 1 (>= 0 for a failed row). With {@link OnBadRow#SKIP} they are left out and counted
 * in {@link AgentSource#skippedRows()}; an empty file or a header without the needed columns always fails.
 */
public final class BurstGptParser implements RowSource.Parser<CsvRows.Row> {
    private static final long SECOND = 1_000_000_000L;

    private final CsvRows rows;
    private final int tsCol;
    private final int reqCol;
    private final int respCol;
    private final ArrivalOrder order = new ArrivalOrder();

    /**
     * Opens a file for streaming replay.
     *
     * @throws TraceFormatException when the file is empty or its header lacks a needed column
     * @throws IllegalArgumentException when the file does not exist
     */
    public static AgentSource open(Path path, OnBadRow onBadRow) {
        CsvRows rows = new CsvRows(path, "the BurstGPT header", BurstGptFormat.REQUIRED);
        return new RowSource<>(rows, onBadRow, new BurstGptParser(rows));
    }

    private BurstGptParser(CsvRows rows) {
        this.rows = rows;
        this.tsCol = rows.column(BurstGptFormat.TIMESTAMP);
        this.reqCol = rows.column(BurstGptFormat.REQUEST);
        this.respCol = rows.column(BurstGptFormat.RESPONSE);
    }

    /** The arrival of a row, or null for a failed request. */
    @Override
    public AgentArrival parse(CsvRows.Row r, long pid) {
        rows.checkWidth(r);
        Fields.At at = r.at();
        String tsText = r.record().get(tsCol).trim();
        long ts = Fields.time(at, BurstGptFormat.TIMESTAMP, tsText, SECOND, "seconds");
        int response = Fields.integer(at, BurstGptFormat.RESPONSE, r.record().get(respCol), 0, "");
        int request = Fields.integer(at, BurstGptFormat.REQUEST, r.record().get(reqCol), response == 0 ? 0 : 1, "");
        order.check(at, BurstGptFormat.TIMESTAMP, ts, tsText);
        if (response == 0) {
            return null;
        }
        LlmCall call = new LlmCall(request, response);
        return Requests.single(pid, ts, call);
    }
}
