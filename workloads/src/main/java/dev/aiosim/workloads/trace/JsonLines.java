package dev.aiosim.workloads.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * A JSON-lines trace read one line at a time (Jackson tree per line), with the field checks the
 * JSONL readers share. Blank lines are skipped; every other line must be one JSON object. Exists
 * so that a bad line is reported by its own line number and the next line can still be read.
 */
public final class JsonLines implements RowSource.Rows<JsonLines.Line> {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final int SHOWN = 80;

    private final TextLines lines;

    /** One non-blank line and where it is; {@code object} is null when the line is not a JSON object. */
    public record Line(Fields.At at, String text, ObjectNode object) {
        /** Throws the {@code row} error when the line is not a JSON object. */
        public ObjectNode requireObject() {
            if (object == null) {
                throw at.error("row", "a JSON object on one line", shorten(text));
            }
            return object;
        }
    }

    private Line pending;

    /** @throws IllegalArgumentException when the file does not exist */
    public JsonLines(Path path) {
        this.lines = new TextLines(path);
    }

    /**
     * Opens a trace that must have at least one row: the first row is read now and handed out by
     * the first {@link #next()}.
     *
     * @param what what a row is, for the message, e.g. {@code "a Mooncake JSON line"}
     * @throws TraceFormatException when the file has no non-blank line
     * @throws IllegalArgumentException when the file does not exist
     */
    public static JsonLines nonEmpty(Path path, String what) {
        JsonLines lines = new JsonLines(path);
        lines.pending = lines.read();
        if (lines.pending == null) {
            lines.close();
            throw new TraceFormatException(path.toString(), 1, "row", what + " (the file is empty)", "");
        }
        return lines;
    }

    /** The next non-blank line, or null at the end. */
    public Line next() {
        if (pending != null) {
            Line l = pending;
            pending = null;
            return l;
        }
        return read();
    }

    private Line read() {
        TextLines.Line l = lines.next();
        return l == null ? null : new Line(l.at(), l.text(), parse(l.text()));
    }

    /** The object on a line, or null when it is not one JSON object (used by format detection). */
    public static ObjectNode parse(String text) {
        try {
            return JSON.readTree(text) instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Whether a first line is a JSON object with every one of {@code fields}. */
    public static boolean hasFields(String firstLine, List<String> fields) {
        ObjectNode o = parse(firstLine);
        return o != null && fields.stream().allMatch(o::has);
    }

    /** An integer field >= {@code min} that fits an int. */
    public static int integer(Fields.At at, JsonNode obj, String field, int min, String why) {
        return integer(at, obj, field, field, min, why);
    }

    /** {@link #integer(Fields.At, JsonNode, String, int, String)} with the field named {@code label} in errors (e.g. a nested path). */
    public static int integer(Fields.At at, JsonNode obj, String field, String label, int min, String why) {
        JsonNode v = obj.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
            throw at.error(label, "an integer >= " + min + why + missing(v), shown(v));
        }
        return v.intValue();
    }

    /** A non-negative time field in units of {@code unitNanos}, possibly fractional (see {@link Fields#time}). */
    public static long time(Fields.At at, JsonNode obj, String field, long unitNanos, String unit) {
        return time(at, obj, field, field, unitNanos, unit);
    }

    /** {@link #time(Fields.At, JsonNode, String, long, String)} with the field named {@code label} in errors. */
    public static long time(Fields.At at, JsonNode obj, String field, String label, long unitNanos, String unit) {
        JsonNode v = obj.get(field);
        if (v == null || !v.isNumber()) {
            throw at.error(label, "a number of " + unit + " >= 0" + missing(v), shown(v));
        }
        BigDecimal d = v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : v.decimalValue();
        return Fields.time(at, label, d, v.toString(), unitNanos, unit);
    }

    /** Appended to an expectation when the field is absent. */
    public static String missing(JsonNode v) {
        return v == null ? " (the field is missing)" : "";
    }

    /** A field's JSON text for a message; empty when the field is missing. */
    public static String shown(JsonNode v) {
        return v == null ? "" : shorten(v.toString());
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }

    @Override
    public void close() {
        lines.close();
    }
}
