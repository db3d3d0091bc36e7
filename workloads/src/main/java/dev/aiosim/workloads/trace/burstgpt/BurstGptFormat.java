package dev.aiosim.workloads.trace.burstgpt;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.CsvRows;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * The BurstGPT CSV trace, header
 * {@code Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type}
 * (only {@code Timestamp}, {@code Request tokens} and {@code Response tokens} are needed, in any
 * order). See {@link BurstGptParser} for the mapping.
 */
public final class BurstGptFormat implements TraceFormat {
    static final String TIMESTAMP = "Timestamp";
    static final String REQUEST = "Request tokens";
    static final String RESPONSE = "Response tokens";
    static final List<String> REQUIRED = List.of(TIMESTAMP, REQUEST, RESPONSE);

    @Override
    public String name() {
        return "burstgpt";
    }

    @Override
    public String description() {
        return "BurstGPT CSV, header Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type";
    }

    @Override
    public boolean accepts(String firstLine) {
        return CsvRows.hasColumns(firstLine, REQUIRED);
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return BurstGptParser.open(file, onBadRow);
    }
}
