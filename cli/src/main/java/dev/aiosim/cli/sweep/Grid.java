package dev.aiosim.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aiosim.cli.spec.PathFields;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.SpecOverride;
import dev.aiosim.cli.spec.Yaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grid of a sweep: the axes of the spec's {@code sweep:} section (a mapping of spec key to a
 * list of values), with {@code --vary KEY=V1,V2,...} replacing or adding axes, and their
 * product, first axis outermost. Shapes are checked here (a list per key, not empty, no value
 * twice, at most {@link #MAX_POINTS} points); whether a key and value make a valid spec is
 * checked by loading it (see {@link SweepPlan}).
 */
public record Grid(List<Axis> axes) {
    /** The most points a grid may have. */
    public static final int MAX_POINTS = 100_000;
    /** The key the section has in a spec. */
    public static final String SECTION = "sweep";
    private static final int MAX_FOLDER = 100;

    public Grid {
        axes = List.copyOf(axes);
    }

    /**
     * The grid of a spec's text and {@code --vary} flags.
     *
     * @param sourceName how messages name the spec
     * @param text the spec's YAML (already checked to parse)
     * @param baseDir the spec's folder, against which relative file paths of the section are taken
     */
    public static Grid of(String sourceName, String text, Path baseDir, List<String> varies) {
        Map<String, Axis> axes = new LinkedHashMap<>();
        JsonNode section = section(sourceName, text);
        if (section != null) {
            if (!section.isObject()) {
                throw new SpecException(sourceName + ": " + SECTION + ": expected a mapping of spec key to a list of values,"
                        + " e.g. workload.arrivals.rate: [2, 4, 8]");
            }
            for (Map.Entry<String, JsonNode> e : section.properties()) {
                String key = canonical(sourceName + ": " + SECTION + "." + e.getKey(), e.getKey());
                String where = sourceName + ": " + SECTION + "." + key;
                if (!e.getValue().isArray()) {
                    throw new SpecException(where + ": expected a list of values, e.g. [2, 4, 8], got " + Axis.text(e.getValue()));
                }
                List<JsonNode> values = new ArrayList<>();
                List<String> origins = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    JsonNode v = e.getValue().get(i);
                    if (v.isNull()) {
                        throw new SpecException(where + "[" + i + "]: expected a value, got null");
                    }
                    if (v.isTextual() && PathFields.isPathField(key)) {
                        v = TextNode.valueOf(baseDir.resolve(v.textValue()).toAbsolutePath().normalize().toString());
                    }
                    values.add(v);
                    origins.add(where + "[" + i + "]");
                }
                put(axes, new Axis(key, values, origins), where);
            }
        }
        Set<String> varied = new HashSet<>();
        for (String flag : varies) {
            Axis a = vary(flag);
            if (!varied.add(a.key())) {
                throw new SpecException("--vary " + flag + ": " + a.key() + " is varied twice; give all its values in one --vary");
            }
            axes.remove(a.key()); // --vary replaces the spec's values of that key
            put(axes, a, "--vary " + flag);
        }
        Grid g = new Grid(new ArrayList<>(axes.values()));
        if (g.axes.isEmpty()) {
            throw new SpecException(sourceName + ": nothing to sweep: add a '" + SECTION + ":' section (spec key: [values])"
                    + " or --vary KEY=V1,V2,...");
        }
        long n = 1;
        for (Axis a : g.axes) {
            n *= a.values().size();
            if (n > MAX_POINTS) {
                throw new SpecException(sourceName + ": the sweep has more than " + MAX_POINTS + " points; split it");
            }
        }
        return g;
    }

    private static JsonNode section(String sourceName, String text) {
        try {
            JsonNode tree = Yaml.MAPPER.readTree(text);
            return tree == null || !tree.isObject() ? null : tree.get(SECTION);
        } catch (JsonProcessingException e) {
            throw new SpecException(sourceName + ": not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static void put(Map<String, Axis> axes, Axis a, String where) {
        if (a.values().isEmpty()) {
            throw new SpecException(where + ": expected a non-empty list of values");
        }
        Set<JsonNode> seen = new HashSet<>();
        for (JsonNode v : a.values()) {
            if (!seen.add(v)) {
                throw new SpecException(where + ": the value " + Axis.text(v) + " appears twice");
            }
        }
        if (a.key().equals(SECTION)) {
            throw new SpecException(where + ": cannot sweep the sweep section itself");
        }
        axes.put(a.key(), a);
    }

    /** {@code KEY=V1,V2,...}: values split at commas outside brackets and quotes, each read like a {@code --set} value. */
    static Axis vary(String flag) {
        int eq = flag.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("--vary " + flag + ": expected KEY=V1,V2,..., e.g. workload.arrivals.rate=2,4,8");
        }
        String key = canonical("--vary " + flag, flag.substring(0, eq).trim());
        List<JsonNode> values = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (String raw : splitTopLevel(flag.substring(eq + 1))) {
            if (raw.isBlank()) {
                throw new SpecException("--vary " + flag + ": empty value; expected KEY=V1,V2,... with a value between every comma");
            }
            SpecOverride o = SpecOverride.parse(key + "=" + raw.trim());
            values.add(o.value());
            origins.add("--vary " + key + "=" + raw.trim());
        }
        return new Axis(key, values, origins);
    }

    private static String canonical(String where, String key) {
        try {
            return SpecOverride.of(where, key, null).path();
        } catch (IllegalArgumentException e) {
            throw new SpecException(where + ": " + e.getMessage());
        }
    }

    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    /** The points, first axis outermost, each with its unique folder name. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>();
        int n = 1;
        for (Axis a : axes) {
            n *= a.values().size();
        }
        Set<String> folders = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int rest = i;
            int[] pick = new int[axes.size()];
            for (int k = axes.size() - 1; k >= 0; k--) {
                int size = axes.get(k).values().size();
                pick[k] = rest % size;
                rest /= size;
            }
            List<String> values = new ArrayList<>();
            List<SpecOverride> overrides = new ArrayList<>();
            StringBuilder folder = new StringBuilder();
            for (int k = 0; k < axes.size(); k++) {
                Axis a = axes.get(k);
                JsonNode v = a.values().get(pick[k]);
                values.add(Axis.text(v));
                overrides.add(SpecOverride.of(a.origins().get(pick[k]), a.key(), v));
                folder.append(k == 0 ? "" : "_").append(safe(a.key())).append('-').append(safe(Axis.text(v)));
            }
            String name = folder.length() > MAX_FOLDER ? folder.substring(0, MAX_FOLDER) : folder.toString();
            if (!folders.add(name)) {
                name = name + "-" + (i + 1);
                folders.add(name);
            }
            points.add(new Point(i, values, overrides, name));
        }
        return points;
    }

    /** Letters, digits, {@code . -}; anything else becomes {@code _}; never a hidden or dot-only name. */
    static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9.-]+", "_");
        return t.startsWith(".") ? "_" + t.substring(1) : t;
    }

    /** The keys, in axis order. */
    public List<String> keys() {
        return axes.stream().map(Axis::key).toList();
    }
}
