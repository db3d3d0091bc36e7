package dev.aiosim.workloads.trace.aiosim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.workloads.trace.RowSource;
import dev.aiosim.workloads.trace.TextLines;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.util.Iterator;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * Reads the lines of an aiosim JSONL trace, the header and then one agent per line (the line loop
 * is {@link RowSource}'s): each line is parsed with Jackson's tree API and dropped once its agent
 * is built, so memory does not grow with the file, except for the set of pids seen (a compressed
 * bitmap: about a bit per pid when pids are dense, as aiosim writes them) that makes duplicate
 * pids an error. The pid of an agent is the one the line names, not the line's index.
 *
 * <p>Errors, as {@code file:line: field: expected ..., got '...'}: a line that is not one JSON
 * object ({@code row}; truncated lines included), an unknown key, a missing required key, a
 * value of the wrong type or range (the field's path, e.g. {@code syscalls[1].tool.latency_ns}),
 * an {@code arrival_ns} before the previous agent's, a {@code pid} used before, and an empty or
 * nested {@code parallel} fan-out.
 */
final class AiosimTraceParser implements RowSource.Parser<TextLines.Line> {
    static final String HEADER_EXAMPLE = "{\"aiosim_trace\":1,\"source\":\"...\"}";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Roaring64Bitmap pids = new Roaring64Bitmap();
    private long lastArrival;
    private long agents;

    /**
     * Checks the header line (line 1) and returns its {@code source} text, or null when it has none.
     *
     * @param text the first line, or null when the file is empty
     * @throws TraceFormatException when the line is not an aiosim header
     */
    static String header(String file, String text) {
        if (text == null) {
            throw new TraceFormatException(file, 1, "header", "an aiosim trace header " + HEADER_EXAMPLE
                    + " (the file is empty)", "");
        }
        JsonNode h;
        try {
            h = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            h = null;
        }
        if (h == null || !h.isObject() || !h.has(AiosimJson.VERSION)) {
            throw new TraceFormatException(file, 1, "header", "an aiosim trace header " + HEADER_EXAMPLE, text);
        }
        for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals(AiosimJson.VERSION) && !k.equals(AiosimJson.SOURCE)) {
                throw new TraceFormatException(file, 1, k, "one of the header keys aiosim_trace, source", k);
            }
        }
        JsonNode v = h.get(AiosimJson.VERSION);
        if (!v.isIntegralNumber() || v.longValue() != AiosimJson.CURRENT_VERSION) {
            throw new TraceFormatException(file, 1, AiosimJson.VERSION,
                    AiosimJson.CURRENT_VERSION + " (the only version of the format)", v.toString());
        }
        JsonNode s = h.get(AiosimJson.SOURCE);
        if (s != null && !s.isTextual()) {
            throw new TraceFormatException(file, 1, AiosimJson.SOURCE, "a string", s.toString());
        }
        return s == null ? null : s.textValue();
    }

    @Override
    public AgentArrival parse(TextLines.Line line, long index) {
        try {
            return accept(agent(line.text()));
        } catch (BadField e) {
            throw line.at().error(e.field, e.expected, e.got);
        }
    }

    private static TraceAgent agent(String text) {
        JsonNode row;
        try {
            row = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadField("row", "one JSON object (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ")", text);
        }
        return AgentLine.parse(row);
    }

    private AgentArrival accept(TraceAgent a) {
        if (agents > 0 && a.arrivalNanos() < lastArrival) {
            throw new BadField(AiosimJson.ARRIVAL, "a time not before the previous agent's " + lastArrival,
                    Long.toString(a.arrivalNanos()));
        }
        if (pids.contains(a.pid())) {
            throw new BadField(AiosimJson.PID, "a pid not used by an earlier agent", Long.toString(a.pid()));
        }
        pids.addLong(a.pid());
        lastArrival = a.arrivalNanos();
        agents++;
        return a.toArrival();
    }
}
