package dev.aiosim.workloads.trace.azure;

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
 * Reads the rows of an Azure LLM inference trace as agent arrivals (the row loop is
 * {@link RowSource}'s).
 *
 * <p>Mapping: data row k (0-based, blank lines not counted) becomes agent pid k, named
 * {@code req-k}, priority 0, weight 1, group {@code default}, whose program makes one
 * {@code LlmCall(ContextTokens, GeneratedTokens)}. Its arrival is its timestamp minus the first
 * read row's timestamp, exact to the nanosecond (the trace has 100 ns resolution).
 *
 * <p>Bad rows, reported as {@code file:line: field: expected ..., got '...'}: a wrong number of
 * fields ({@code row}), a timestamp that is not a time or is earlier than the previous row's
 * ({@code TIMESTAMP}), a token count that is not an integer >= 1 ({@code ContextTokens},
 * {@code GeneratedTokens}). Zero generated tokens is a bad row too: an LLM call always generates
 * at least one token, and bending 0 to 1 would change the trace silently. With
 * {@link OnBadRow#SKIP} such rows are left out and counted in {@link AgentSource#skippedRows()};
 * a file that is empty, has no header or is not well-formed CSV always fails.
 */
public final class AzureLlmParser implements RowSource.Parser<CsvRows.Row> {
    private final CsvRows rows;
    private final int tsCol;
    private final int ctxCol;
    private final int genCol;
    private final ArrivalOrder order = new ArrivalOrder();
    private boolean started;
    private long firstNanos;

    /**
     * Opens a file for streaming replay.
     *
     * @throws TraceFormatException when the file is empty or its first line is not the Azure header
     * @throws IllegalArgumentException when the file does not exist
     */
    public static AgentSource open(Path path, OnBadRow onBadRow) {
        CsvRows rows = new CsvRows(path, AzureLlmFormat.REQUIRED, missing -> "the Azure LLM trace header "
                + AzureLlmFormat.HEADER + (missing == null ? " (the file is empty)" : ""));
        return new RowSource<>(rows, onBadRow, new AzureLlmParser(rows));
    }

    private AzureLlmParser(CsvRows rows) {
        this.rows = rows;
        this.tsCol = rows.column(AzureLlmFormat.TIMESTAMP);
        this.ctxCol = rows.column(AzureLlmFormat.CONTEXT);
        this.genCol = rows.column(AzureLlmFormat.GENERATED);
    }

    @Override
    public AgentArrival parse(CsvRows.Row r, long pid) {
        rows.checkWidth(r);
        Fields.At at = r.at();
        String tsText = r.record().get(tsCol).trim();
        long ts;
        try {
            ts = AzureTimestamps.parseNanos(tsText);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw at.error(AzureLlmFormat.TIMESTAMP, "a time like 2023-11-16 18:15:46.6805900", tsText);
        }
        int ctx = Fields.integer(at, AzureLlmFormat.CONTEXT, r.record().get(ctxCol), 1, "");
        int gen = Fields.integer(at, AzureLlmFormat.GENERATED, r.record().get(genCol), 1,
                " (a call generates at least one token)");
        order.check(at, AzureLlmFormat.TIMESTAMP, ts, tsText);
        if (!started) {
            started = true;
            firstNanos = ts;
        }
        return Requests.single(pid, ts - firstNanos, new LlmCall(ctx, gen));
    }
}
