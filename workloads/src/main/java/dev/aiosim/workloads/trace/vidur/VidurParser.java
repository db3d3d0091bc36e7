package dev.aiosim.workloads.trace.vidur;

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
 * Reads the rows of a Vidur request trace as agent arrivals (the row loop is {@link RowSource}'s).
 *
 * <p>Mapping: data row k (0-based, blank lines not counted) becomes agent pid k, named
 * {@code req-k}, priority 0, weight 1, group {@code default}, whose program makes one
 * {@code LlmCall(num_prefill_tokens, num_decode_tokens)}, arriving {@code arrived_at} seconds
 * (possibly fractional, kept to the nanosecond) after the start of the replay, as written.
 *
 * <p>Bad rows, reported as {@code file:line: field: expected ..., got '...'}: a wrong number of
 * fields ({@code row}); an {@code arrived_at} that is not a number >= 0 or is earlier than the
 * previous row's; a token count that is not an integer >= 1. With {@link OnBadRow#SKIP} they are
 * left out and counted in {@link AgentSource#skippedRows()}; an empty file or a header without the needed
 * columns always fails.
 */
public final class VidurParser implements RowSource.Parser<CsvRows.Row> {
    private static final long SECOND = 1_000_000_000L;

    private final CsvRows rows;
    private final int arrivedCol;
    private final int prefillCol;
    private final int decodeCol;
    private final ArrivalOrder order = new ArrivalOrder();

    /**
     * Opens a file for streaming replay.
     *
     * @throws TraceFormatException when the file is empty or its header lacks a needed column
     * @throws IllegalArgumentException when the file does not exist
     */
    public static AgentSource open(Path path, OnBadRow onBadRow) {
        CsvRows rows = new CsvRows(path, "the Vidur trace header", VidurFormat.REQUIRED);
        return new RowSource<>(rows, onBadRow, new VidurParser(rows));
    }

    private VidurParser(CsvRows rows) {
        this.rows = rows;
        this.arrivedCol = rows.column(VidurFormat.ARRIVED);
        this.prefillCol = rows.column(VidurFormat.PREFILL);
        this.decodeCol = rows.column(VidurFormat.DECODE);
    }

    @Override
    public AgentArrival parse(CsvRows.Row r, long pid) {
        rows.checkWidth(r);
        Fields.At at = r.at();
        String tsText = r.record().get(arrivedCol).trim();
        long ts = Fields.time(at, VidurFormat.ARRIVED, tsText, SECOND, "seconds");
        int prefill = Fields.integer(at, VidurFormat.PREFILL, r.record().get(prefillCol), 1, "");
        int decode = Fields.integer(at, VidurFormat.DECODE, r.record().get(decodeCol), 1,
                " (a call generates at least one token)");
        order.check(at, VidurFormat.ARRIVED, ts, tsText);
        LlmCall call = new LlmCall(prefill, decode);
        return Requests.single(pid, ts, call);
    }
}
