package dev.aiosim.workloads.trace.aiosim;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * aiosim's own JSONL trace: a header line {@code {"aiosim_trace":1,"source":"..."}}, then one
 * agent per line with its syscalls in closed-loop order. It expresses every other format (agents,
 * LLM calls with prefixes, tool gaps, priorities), which is why {@code trace convert} writes it
 * and {@code live} records it. See {@link AiosimTraceParser} for the error rules and
 * {@link AiosimTraceWriter} for the writer.
 */
public final class AiosimFormat implements TraceFormat {
    @Override
    public String name() {
        return "aiosim";
    }

    @Override
    public List<String> aliases() {
        return List.of("aiosim-jsonl");
    }

    @Override
    public String description() {
        return "aiosim JSONL, header " + AiosimTraceParser.HEADER_EXAMPLE;
    }

    @Override
    public boolean accepts(String firstLine) {
        return firstLine.stripLeading().startsWith("{") && firstLine.contains("\"" + AiosimJson.VERSION + "\"");
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return new AiosimTraceSource(file, onBadRow);
    }
}
