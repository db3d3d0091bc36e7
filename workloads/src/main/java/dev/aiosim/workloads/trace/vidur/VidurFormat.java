package dev.aiosim.workloads.trace.vidur;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.CsvRows;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * The Vidur request trace CSV: columns {@code arrived_at} (seconds),
 * {@code num_prefill_tokens}, {@code num_decode_tokens}, in any order, other columns (such as a
 * pandas index column) allowed and ignored. See {@link VidurParser} for the mapping.
 */
public final class VidurFormat implements TraceFormat {
    static final String ARRIVED = "arrived_at";
    static final String PREFILL = "num_prefill_tokens";
    static final String DECODE = "num_decode_tokens";
    static final List<String> REQUIRED = List.of(ARRIVED, PREFILL, DECODE);

    @Override
    public String name() {
        return "vidur";
    }

    @Override
    public String description() {
        return "Vidur request trace CSV, columns arrived_at,num_prefill_tokens,num_decode_tokens";
    }

    @Override
    public boolean accepts(String firstLine) {
        return CsvRows.hasColumns(firstLine, REQUIRED);
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return VidurParser.open(file, onBadRow);
    }
}
