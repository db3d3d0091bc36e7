package dev.aiosim.workloads.trace.llmservingsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.program.ScriptProgram;
import dev.aiosim.workloads.trace.ArrivalOrder;
import dev.aiosim.workloads.trace.Fields;
import dev.aiosim.workloads.trace.JsonLines;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.RowSource;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of LLMServingSim's session JSONL as agent arrivals, one session per line (the line loop is {@link RowSource}'s).
 *
 * <p>Mapping: data line k (0-based, blank lines not counted) becomes agent pid k, named
 * {@code session-<session_id>}, priority 0, weight 1, group {@code default}, arriving at
 * {@code arrival_time_ns} as written. Its {@link ScriptProgram} replays, closed loop, for each
 * sub-request in order: {@code LlmCall(input_toks, output_toks)}, then
 * {@code ToolCall("tool", tool_duration_ns)} when that is > 0 (see the package documentation).
 *
 * <p>Bad rows, reported as {@code file:line: field: expected ..., got '...'}: a line that is not
 * one JSON object ({@code row}); a missing {@code session_id}; {@code arrival_time_ns} not a
 * number >= 0 or earlier than the previous line's; {@code sub_requests} not a non-empty array of
 * objects; in sub-request i ({@code sub_requests[i].input_toks} etc.) a token count not an
 * integer >= 1 or a {@code tool_duration_ns} not a number >= 0. With {@link OnBadRow#SKIP} a bad
 * line (the whole session) is left out and counted in {@link AgentSource#skippedRows()}; an empty file
 * always fails.
 */
public final class LlmServingSimSessionParser implements RowSource.Parser<JsonLines.Line> {
    private final ArrivalOrder order = new ArrivalOrder();

    /**
     * Opens a file for streaming replay.
     *
     * @throws TraceFormatException when the file is empty
     * @throws IllegalArgumentException when the file does not exist
     */
    public static AgentSource open(Path path, OnBadRow onBadRow) {
        return new RowSource<>(JsonLines.nonEmpty(path, "an LLMServingSim session JSON line"), onBadRow, new LlmServingSimSessionParser());
    }

    @Override
    public AgentArrival parse(JsonLines.Line line, long pid) {
        Fields.At at = line.at();
        ObjectNode o = line.requireObject();
        JsonNode session = o.get(LlmServingSimFormat.SESSION);
        if (session == null || !session.isValueNode() || session.isNull()) {
            throw at.error(LlmServingSimFormat.SESSION, "a session id (string or number)" + JsonLines.missing(session),
                    JsonLines.shown(session));
        }
        long ts = JsonLines.time(at, o, LlmServingSimFormat.ARRIVAL, 1, "nanoseconds");
        JsonNode subs = o.get(LlmServingSimFormat.SUB_REQUESTS);
        if (subs == null || !subs.isArray() || subs.isEmpty()) {
            throw at.error(LlmServingSimFormat.SUB_REQUESTS, "a non-empty array of sub-requests"
                    + JsonLines.missing(subs), JsonLines.shown(subs));
        }
        List<Syscall> script = new ArrayList<>();
        for (int i = 0; i < subs.size(); i++) {
            String path = LlmServingSimFormat.SUB_REQUESTS + "[" + i + "]";
            JsonNode sub = subs.get(i);
            if (!sub.isObject()) {
                throw at.error(path, "an object {\"input_toks\",\"output_toks\",\"tool_duration_ns\"}", JsonLines.shown(sub));
            }
            int input = JsonLines.integer(at, sub, LlmServingSimFormat.INPUT, path + "." + LlmServingSimFormat.INPUT, 1, "");
            int output = JsonLines.integer(at, sub, LlmServingSimFormat.OUTPUT, path + "." + LlmServingSimFormat.OUTPUT, 1,
                    " (a call generates at least one token)");
            long tool = JsonLines.time(at, sub, LlmServingSimFormat.TOOL, path + "." + LlmServingSimFormat.TOOL, 1,
                    "nanoseconds");
            script.add(new LlmCall(input, output));
            if (tool > 0) {
                script.add(new ToolCall("tool", tool));
            }
        }
        String tsText = o.get(LlmServingSimFormat.ARRIVAL).toString();
        order.check(at, LlmServingSimFormat.ARRIVAL, ts, tsText);
        String name = "session-" + (session.isTextual() ? session.textValue() : session.toString());
        return new AgentArrival(ts, new AgentProcess(pid, name, 0, 1.0, "default", new ScriptProgram(script)));
    }
}
