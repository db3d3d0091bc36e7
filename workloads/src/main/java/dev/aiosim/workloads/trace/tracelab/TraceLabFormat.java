package dev.aiosim.workloads.trace.tracelab;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.CsvRows;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * The TraceLab replay CSV, header
 * {@code session_id,arrival_time,round_idx,prefix_len,input_len,output_len,tool_wait_after_ms}
 * (in any order). See {@link TraceLabParser} for the mapping and the ordering rules.
 */
public final class TraceLabFormat implements TraceFormat {
    static final String SESSION = "session_id";
    static final String ARRIVAL = "arrival_time";
    static final String ROUND = "round_idx";
    static final String PREFIX = "prefix_len";
    static final String INPUT = "input_len";
    static final String OUTPUT = "output_len";
    static final String TOOL_WAIT = "tool_wait_after_ms";
    static final List<String> REQUIRED = List.of(SESSION, ARRIVAL, ROUND, PREFIX, INPUT, OUTPUT, TOOL_WAIT);

    @Override
    public String name() {
        return "tracelab";
    }

    @Override
    public String description() {
        return "TraceLab replay CSV, header " + String.join(",", REQUIRED);
    }

    @Override
    public boolean accepts(String firstLine) {
        return CsvRows.hasColumns(firstLine, REQUIRED);
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return TraceLabParser.open(file, onBadRow);
    }
}
