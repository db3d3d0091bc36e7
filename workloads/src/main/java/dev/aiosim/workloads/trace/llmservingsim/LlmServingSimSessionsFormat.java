package dev.aiosim.workloads.trace.llmservingsim;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.JsonLines;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * LLMServingSim's session JSONL,
 * {@code {"session_id","arrival_time_ns","sub_requests":[{"input_toks","output_toks","tool_duration_ns"}]}}
 * per line; detected by {@code session_id}, {@code arrival_time_ns} and {@code sub_requests}.
 * See {@link LlmServingSimSessionParser}.
 */
public final class LlmServingSimSessionsFormat implements TraceFormat {
    @Override
    public String name() {
        return "llmservingsim-sessions";
    }

    @Override
    public String description() {
        return "LLMServingSim session JSONL, {\"session_id\",\"arrival_time_ns\",\"sub_requests\":"
                + "[{\"input_toks\",\"output_toks\",\"tool_duration_ns\"}]} per line";
    }

    @Override
    public boolean accepts(String firstLine) {
        return JsonLines.hasFields(firstLine, List.of(LlmServingSimFormat.SESSION, LlmServingSimFormat.ARRIVAL,
                LlmServingSimFormat.SUB_REQUESTS));
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return LlmServingSimSessionParser.open(file, onBadRow);
    }
}
