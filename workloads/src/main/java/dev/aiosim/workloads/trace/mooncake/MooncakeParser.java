package dev.aiosim.workloads.trace.mooncake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.workloads.trace.ArrivalOrder;
import dev.aiosim.workloads.trace.Fields;
import dev.aiosim.workloads.trace.JsonLines;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.Requests;
import dev.aiosim.workloads.trace.RowSource;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.nio.file.Path;

/**
 * Reads the lines of a Mooncake trace as agent arrivals (the line loop is {@link RowSource}'s).
 *
 * <p>Mapping: data line k (0-based, blank lines not counted) becomes agent pid k, named
 * {@code req-k}, priority 0, weight 1, group {@code default}, whose program makes one
 * {@code LlmCall(input_length, output_length, 0, Prefix.Blocks(512, ids))}. Its arrival is
 * {@code timestamp} milliseconds after the start of the replay, as written (not shifted to the
 * first row; a fractional millisecond is kept to the nanosecond). The block ids are the trace's
 * {@code hash_ids} plus one, because {@link Prefix#blockId} reserves 0 for "not named" while the
 * trace's ids start at 0 (id 0 is the block most requests share); equal ids stay equal and
 * distinct ids stay distinct.
 *
 * <p>Bad rows, reported as {@code file:line: field: expected ..., got '...'}: a line that is not
 * one JSON object ({@code row}); a {@code timestamp} that is not a number >= 0 or is earlier
 * than the previous row's; {@code input_length} or {@code output_length} not an integer >= 1;
 * {@code hash_ids} not an array of integers >= 0, or not ceil(input_length / 512) of them (the
 * published traces always match; a mismatch means the ids do not describe this prompt). With
 * {@link OnBadRow#SKIP} they are left out and counted in {@link AgentSource#skippedRows()}; an empty file
 * always fails.
 */
public final class MooncakeParser implements RowSource.Parser<JsonLines.Line> {
    private static final long MS = 1_000_000L;

    private final ArrivalOrder order = new ArrivalOrder();

    /**
     * Opens a file for streaming replay.
     *
     * @throws TraceFormatException when the file is empty
     * @throws IllegalArgumentException when the file does not exist
     */
    public static AgentSource open(Path path, OnBadRow onBadRow) {
        return new RowSource<>(JsonLines.nonEmpty(path, "a Mooncake JSON line"), onBadRow, new MooncakeParser());
    }

    @Override
    public AgentArrival parse(JsonLines.Line line, long pid) {
        Fields.At at = line.at();
        ObjectNode o = line.requireObject();
        long ts = JsonLines.time(at, o, MooncakeFormat.TIMESTAMP, MS, "milliseconds");
        int input = JsonLines.integer(at, o, MooncakeFormat.INPUT, 1, "");
        int output = JsonLines.integer(at, o, MooncakeFormat.OUTPUT, 1, " (a call generates at least one token)");
        long[] ids = hashIds(at, o, input);
        String tsText = o.get(MooncakeFormat.TIMESTAMP).toString();
        order.check(at, MooncakeFormat.TIMESTAMP, ts, tsText);
        LlmCall call = new LlmCall(input, output, 0, new Prefix.Blocks(MooncakeFormat.BLOCK_TOKENS, ids));
        return Requests.single(pid, ts, call);
    }

    private static long[] hashIds(Fields.At at, ObjectNode o, int input) {
        JsonNode a = o.get(MooncakeFormat.HASH_IDS);
        if (a == null || !a.isArray()) {
            throw at.error(MooncakeFormat.HASH_IDS, "an array of integer block ids" + JsonLines.missing(a), JsonLines.shown(a));
        }
        int want = (input + MooncakeFormat.BLOCK_TOKENS - 1) / MooncakeFormat.BLOCK_TOKENS;
        if (a.size() != want) {
            throw at.error(MooncakeFormat.HASH_IDS, "ceil(input_length " + input + " / 512) = " + want
                    + " block ids", a.size() + " ids");
        }
        long[] ids = new long[want];
        for (int i = 0; i < want; i++) {
            JsonNode v = a.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() == Long.MAX_VALUE) {
                throw at.error(MooncakeFormat.HASH_IDS, "integer block ids >= 0 (element " + i + ")", JsonLines.shown(v));
            }
            ids[i] = v.longValue() + 1;
        }
        return ids;
    }
}
