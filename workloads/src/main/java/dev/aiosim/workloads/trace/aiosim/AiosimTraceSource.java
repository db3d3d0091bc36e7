package dev.aiosim.workloads.trace.aiosim;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.RowSource;
import dev.aiosim.workloads.trace.TextLines;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.nio.file.Path;

/**
 * Streams an aiosim JSONL trace: reads and checks the header {@code {"aiosim_trace":1,...}} when
 * opened, keeps its {@code source}, then hands out one agent per line through {@link RowSource}
 * (see {@link AiosimTraceParser} for the line rules). With {@link OnBadRow#SKIP} bad lines are
 * left out and counted in {@link #skippedRows()}. An empty file, or a first line that is not the
 * header, always fails. Blank lines are ignored.
 */
public final class AiosimTraceSource implements AgentSource {
    private final String source;
    private final RowSource<TextLines.Line> rows;

    /**
     * @throws TraceFormatException when the file is empty or its first line is not an aiosim header
     * @throws IllegalArgumentException when the file does not exist
     */
    public AiosimTraceSource(Path path, OnBadRow onBadRow) {
        TextLines lines = new TextLines(path);
        try {
            this.source = AiosimTraceParser.header(lines.file(), lines.nextRaw());
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
        this.rows = new RowSource<>(lines, onBadRow, new AiosimTraceParser());
    }

    /** The header's {@code source} text, or null when it has none. */
    public String source() {
        return source;
    }

    @Override
    public AgentArrival next() {
        return rows.next();
    }

    @Override
    public long skippedRows() {
        return rows.skippedRows();
    }

    @Override
    public void close() {
        rows.close();
    }
}
