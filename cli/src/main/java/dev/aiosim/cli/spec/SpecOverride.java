package dev.aiosim.cli.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code --set key=value}: a dotted path ({@code cluster.max-batch},
 * {@code schedulers[0].quantum}, {@code schedulers.0.quantum}) and a value read as YAML
 * ({@code 32} is a number, {@code 1s} a text, {@code [fifo, rr]} a list). An empty value removes
 * the key. Applied to the spec's tree before binding, so any field can be overridden and type
 * errors are reported like those in the file.
 *
 * @param origin where it came from, for messages: {@code --set cluster.max-batch=32}, {@code --seed 7}
 * @param path the canonical path
 * @param segments the path split into names and list indexes
 * @param value the new value, or {@code null} to remove the key
 */
public record SpecOverride(String origin, String path, List<Object> segments, JsonNode value) {
    /** An override made by a command option rather than {@code --set}. */
    public static SpecOverride of(String origin, String path, JsonNode value) {
        List<Object> segments = Paths.split(path);
        return new SpecOverride(origin, Paths.join(segments), segments, value);
    }

    /** Parses {@code key=value}. */
    public static SpecOverride parse(String flag) {
        int eq = flag.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("--set " + flag + ": expected key=value, e.g. cluster.max-batch=32");
        }
        String key = flag.substring(0, eq).trim();
        String raw = flag.substring(eq + 1);
        List<Object> segments;
        try {
            segments = Paths.split(key);
        } catch (IllegalArgumentException e) {
            throw new SpecException("--set " + flag + ": " + e.getMessage());
        }
        String path = Paths.join(segments);
        JsonNode value = raw.isBlank() ? null : readValue(raw);
        if (value != null && value.isNull()) {
            throw new SpecException("--set " + flag + ": " + path + ": expected a value, got null; '--set " + key
                    + "=' (nothing after '=') removes the key to use the default");
        }
        if (value != null && value.isTextual() && PathFields.isPathField(path)) {
            value = TextNode.valueOf(Path.of(value.textValue()).toAbsolutePath().normalize().toString());
        }
        return new SpecOverride("--set " + flag, path, segments, value);
    }

    private static JsonNode readValue(String raw) {
        try {
            JsonNode v = Yaml.MAPPER.readTree(raw);
            if (v == null || v.isMissingNode()) {
                return TextNode.valueOf(raw);
            }
            return v;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(raw.trim());
        }
    }

    /** Sets (or removes) the value in a spec tree, creating missing mappings on the way. */
    public void applyTo(ObjectNode root) {
        JsonNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object seg = segments.get(i);
            Object nextSeg = segments.get(i + 1);
            node = child(node, seg, nextSeg, i);
        }
        Object last = segments.get(segments.size() - 1);
        if (node instanceof ArrayNode list) {
            int idx = index(last, list, segments.size() - 1);
            if (value == null) {
                if (idx < list.size()) {
                    list.remove(idx);
                }
            } else if (idx == list.size()) {
                list.add(value);
            } else {
                list.set(idx, value);
            }
        } else if (node instanceof ObjectNode obj) {
            if (last instanceof Integer) {
                throw fail(Paths.join(segments.subList(0, segments.size() - 1)) + " is a mapping, not a list");
            }
            if (value == null) {
                obj.remove((String) last);
            } else {
                obj.set((String) last, value);
            }
        }
        if (segments.size() == 1 && ("seed".equals(last) || "repetitions".equals(last))) {
            root.remove("seeds"); // the seed list is derived again from seed and repetitions
        }
    }

    private JsonNode child(JsonNode node, Object seg, Object nextSeg, int depth) {
        boolean wantList = nextSeg instanceof Integer;
        if (node instanceof ArrayNode list) {
            int idx = index(seg, list, depth);
            if (idx == list.size()) {
                list.add(wantList ? list.arrayNode() : list.objectNode());
            }
            JsonNode c = list.get(idx);
            if (c.isTextual() && !wantList) { // a bare policy name becomes {name: ...}
                ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", c.textValue());
                list.set(idx, o);
                c = o;
            }
            return container(c, depth);
        }
        ObjectNode obj = (ObjectNode) node;
        if (seg instanceof Integer) {
            throw fail(Paths.join(segments.subList(0, depth)) + " is a mapping, not a list");
        }
        JsonNode c = obj.get((String) seg);
        if (c == null || c.isNull()) {
            c = wantList ? obj.arrayNode() : obj.objectNode();
            obj.set((String) seg, c);
        }
        return container(c, depth);
    }

    private JsonNode container(JsonNode c, int depth) {
        if (!c.isContainerNode()) {
            throw fail(Paths.join(segments.subList(0, depth + 1)) + " is a single value (" + Nodes.describe(c)
                    + "), it has no fields");
        }
        return c;
    }

    private int index(Object seg, ArrayNode list, int depth) {
        int idx;
        if (seg instanceof Integer i) {
            idx = i;
        } else {
            try {
                idx = Integer.parseInt((String) seg);
            } catch (NumberFormatException e) {
                throw fail(Paths.join(segments.subList(0, depth)) + " is a list; expected an index like [0], got '" + seg + "'");
            }
        }
        if (idx < 0 || idx > list.size()) {
            throw fail(Paths.join(segments.subList(0, depth)) + " has " + list.size() + " entries; expected an index from 0 to "
                    + list.size() + " (to append), got " + idx);
        }
        return idx;
    }

    private SpecException fail(String message) {
        return new SpecException(origin + ": " + message);
    }
}
