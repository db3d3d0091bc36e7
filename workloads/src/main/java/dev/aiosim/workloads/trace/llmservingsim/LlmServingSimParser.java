package dev.aiosim.workloads.trace.llmservingsim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.workloads.trace.ArrivalOrder;
import dev.aiosim.workloads.trace.Fields;
import dev.aiosim.workloads.trace.JsonLines;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.Requests;
import dev.aiosim.workloads.trace.RowSource;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.nio.file.Path;

/**
 * Reads the lines of LLMServingSim's flat JSONL as agent arrivals (the line loop is {@link RowSource}'s).
 *
 * <p>Mapping: data line k (0-based, blank lines not counted) becomes agent pid k, named
 * {@code req-k}, priority 0, weight 1, group {@code default}, whose program makes one
 * {@code LlmCall(input_toks, output_toks)}, arriving at {@code arrival_time_ns} as written.
 *
 * <p>Bad rows, reported as {@code file:line: field: expected ..., got '...'}: a line that is not
 * one JSON object ({@code row}); {@code arrival_time_ns} not a number >= 0 or earlier than the
 * previous line's; a token count not an integer >= 1. With {@link OnBadRow#SKIP} they are left
 * out and counted in {@link AgentSource#skippedRows()}; an empty file always fails.
 */
public final class LlmServingSimParser implements RowSource.Parser<JsonLines.Line> {
    private final ArrivalOrder order = new ArrivalOrder();

    /**
     * Opens a file for streaming replay.
     *
     * @throws TraceFormatException when the file is empty
     * @throws IllegalArgumentException when the file does not exist
     */
    public static AgentSource open(Path path, OnBadRow onBadRow) {
        return new RowSource<>(JsonLines.nonEmpty(path, "an LLMServingSim JSON line"), onBadRow, new LlmServingSimParser());
    }

    @Override
    public AgentArrival parse(JsonLines.Line line, long pid) {
        Fields.At at = line.at();
        ObjectNode o = line.requireObject();
        long ts = JsonLines.time(at, o, LlmServingSimFormat.ARRIVAL, 1, "nanoseconds");
        int input = JsonLines.integer(at, o, LlmServingSimFormat.INPUT, 1, "");
        int output = JsonLines.integer(at, o, LlmServingSimFormat.OUTPUT, 1, " (a call generates at least one token)");
        String tsText = o.get(LlmServingSimFormat.ARRIVAL).toString();
        order.check(at, LlmServingSimFormat.ARRIVAL, ts, tsText);
        LlmCall call = new LlmCall(input, output);
        return Requests.single(pid, ts, call);
    }
}
