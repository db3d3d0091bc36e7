package dev.aiosim.cli.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a YAML text sits: dotted path ({@code cluster.max-batch},
 * {@code schedulers[1].quantum}) to line and column. Built once from the original text so that
 * errors found later, on the tree after {@code --set} overrides, can still name a line.
 */
public final class LocationIndex {
    private final Map<String, int[]> at = new HashMap<>();

    private LocationIndex() {}

    /** An index that knows no locations (specs built in code). */
    public static LocationIndex empty() {
        return new LocationIndex();
    }

    /** Indexes a YAML text; a text that does not parse gives whatever was read before the error. */
    public static LocationIndex of(String yaml) {
        LocationIndex index = new LocationIndex();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                String path;
                if (t == JsonToken.FIELD_NAME) {
                    path = dotted(ctx);
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    path = dotted(ctx.getParent());
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                } else {
                    path = dotted(ctx);
                }
                JsonLocation loc = p.currentTokenLocation();
                index.at.putIfAbsent(path, new int[] {loc.getLineNr(), loc.getColumnNr()});
            }
        } catch (IOException | RuntimeException e) {
            // a syntax error is reported by the loader; keep what was indexed
        }
        return index;
    }

    /** The dotted path of a parsing context ({@code cluster.max-batch}, {@code schedulers[1]}). */
    static String dotted(JsonStreamContext ctx) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    /**
     * The location of a path, or of its nearest ancestor that has one.
     *
     * @return {@code line:column}, or {@code null} when nothing on the path is known
     */
    public String find(String path) {
        String p = path;
        while (true) {
            int[] lc = at.get(p);
            if (lc != null) {
                return lc[0] + ":" + lc[1];
            }
            if (p.isEmpty()) {
                return null;
            }
            p = Paths.parent(p);
        }
    }
}
