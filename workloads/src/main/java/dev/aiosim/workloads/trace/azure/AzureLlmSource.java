package dev.aiosim.workloads.trace.azure;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.workloads.program.SingleCallProgram;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFiles;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams an Azure LLM inference trace as agent arrivals, one row at a time.
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
 * {@link OnBadRow#SKIP} such rows are left out and counted in {@link #skippedRows()}; a file that
 * is empty, has no header or is not well-formed CSV always fails.
 */
public final class AzureLlmSource implements AgentSource {
    private final String file;
    private final OnBadRow onBadRow;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final String header;
    private final int columns;
    private final int tsCol;
    private final int ctxCol;
    private final int genCol;

    private boolean started;
    private long firstNanos;
    private long lastNanos;
    private String lastText;
    private long dataRows;
    private long skipped;
    private boolean done;

    /**
     * @throws TraceFormatException when the file is empty or its first line is not the Azure header
     * @throws IllegalArgumentException when the file does not exist
     */
    public AzureLlmSource(Path path, OnBadRow onBadRow) {
        this.file = path.toString();
        this.onBadRow = onBadRow;
        try {
            this.parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(TraceFiles.reader(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        this.rows = parser.iterator();
        CSVRecord h = rows.hasNext() ? rows.next() : null;
        String got = h == null ? "" : String.join(",", h.values());
        int ts = -1;
        int ctx = -1;
        int gen = -1;
        if (h != null) {
            for (int i = 0; i < h.size(); i++) {
                String c = h.get(i).trim();
                if (c.equalsIgnoreCase(AzureLlmFormat.TIMESTAMP)) {
                    ts = i;
                } else if (c.equalsIgnoreCase(AzureLlmFormat.CONTEXT)) {
                    ctx = i;
                } else if (c.equalsIgnoreCase(AzureLlmFormat.GENERATED)) {
                    gen = i;
                }
            }
        }
        if (ts < 0 || ctx < 0 || gen < 0) {
            close();
            throw new TraceFormatException(file, 1, "header", "the Azure LLM trace header "
                    + AzureLlmFormat.HEADER + (h == null ? " (the file is empty)" : ""), got);
        }
        this.header = got;
        this.columns = h.size();
        this.tsCol = ts;
        this.ctxCol = ctx;
        this.genCol = gen;
    }

    @Override
    public AgentArrival next() {
        while (!done) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord r;
            try {
                if (!rows.hasNext()) {
                    done = true;
                    return null;
                }
                r = rows.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new TraceFormatException(file, line, "row", "well-formed CSV (" + rootMessage(e) + ")", "");
            }
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            long pid = dataRows++;
            AgentArrival a = parse(r, line, pid);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private AgentArrival parse(CSVRecord r, long line, long pid) {
        if (r.size() != columns) {
            return bad(line, "row", columns + " fields (" + header + ")", String.join(",", r.values()));
        }
        String tsText = r.get(tsCol).trim();
        long ts;
        try {
            ts = AzureTimestamps.parseNanos(tsText);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return bad(line, AzureLlmFormat.TIMESTAMP, "a time like 2023-11-16 18:15:46.6805900", tsText);
        }
        int ctx = tokens(r.get(ctxCol));
        if (ctx < 1) {
            return bad(line, AzureLlmFormat.CONTEXT, "an integer >= 1", r.get(ctxCol).trim());
        }
        int gen = tokens(r.get(genCol));
        if (gen < 1) {
            return bad(line, AzureLlmFormat.GENERATED, "an integer >= 1 (a call generates at least one token)",
                    r.get(genCol).trim());
        }
        if (started && ts < lastNanos) {
            return bad(line, AzureLlmFormat.TIMESTAMP, "a time not before the previous row's " + lastText, tsText);
        }
        if (!started) {
            started = true;
            firstNanos = ts;
        }
        lastNanos = ts;
        lastText = tsText;
        AgentProcess agent = new AgentProcess(pid, "req-" + pid, 0, 1.0, "default",
                new SingleCallProgram(new LlmCall(ctx, gen)));
        return new AgentArrival(ts - firstNanos, agent);
    }

    /** The integer in {@code text}, or -1 when it is not a non-negative int. */
    private static int tokens(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private AgentArrival bad(long line, String field, String expected, String got) {
        if (onBadRow == OnBadRow.FAIL) {
            throw new TraceFormatException(file, line, field, expected, got);
        }
        skipped++;
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    @Override
    public long skippedRows() {
        return skipped;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
