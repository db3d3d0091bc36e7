package dev.aiosim.workloads.trace.llmservingsim;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.JsonLines;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * LLMServingSim's flat request JSONL, {@code {"input_toks","output_toks","arrival_time_ns"}} per
 * line; detected by those fields without {@code sub_requests}. See {@link LlmServingSimParser}.
 */
public final class LlmServingSimFormat implements TraceFormat {
    static final String INPUT = "input_toks";
    static final String OUTPUT = "output_toks";
    static final String ARRIVAL = "arrival_time_ns";
    static final String SUB_REQUESTS = "sub_requests";
    static final String SESSION = "session_id";
    static final String TOOL = "tool_duration_ns";

    @Override
    public String name() {
        return "llmservingsim";
    }

    @Override
    public String description() {
        return "LLMServingSim JSONL, {\"input_toks\",\"output_toks\",\"arrival_time_ns\"} per line";
    }

    @Override
    public boolean accepts(String firstLine) {
        return JsonLines.hasFields(firstLine, List.of(INPUT, OUTPUT, ARRIVAL))
                && !JsonLines.hasFields(firstLine, List.of(SUB_REQUESTS));
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return LlmServingSimParser.open(file, onBadRow);
    }
}
