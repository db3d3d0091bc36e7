package dev.aiosim.cli.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a spec: YAML text to a tree, relative paths made absolute, overrides applied, bound to
 * {@link ExperimentSpec} (unknown fields are errors), then resolved. Every problem becomes a
 * one-line {@link SpecException}: {@code file:line:column: field.path: what was expected}, or
 * {@code --set key=value: field.path: ...} when the value came from the command line.
 */
public final class SpecLoader {
    private final SchedulerRegistry registry;

    public SpecLoader(SchedulerRegistry registry) {
        this.registry = registry;
    }

    /**
     * The text of a spec and where it came from.
     *
     * @param name how messages name it (the path as given, or {@code demo.yaml (bundled)})
     * @param text the YAML
     * @param baseDir folder its relative paths are resolved against
     * @param defaultName experiment name when the spec has none
     */
    public record Source(String name, String text, Path baseDir, String defaultName) {
        /** The largest spec file read: 256 KiB (the YAML parser needs about a kilobyte of memory per byte of a long scalar). */
        public static final int MAX_BYTES = 256 * 1024;

        /** A spec file: a regular file (or a pipe) of at most {@link #MAX_BYTES} bytes of UTF-8. */
        public static Source file(Path file) {
            try {
                String text = readBounded(file);
                Path abs = file.toAbsolutePath().normalize();
                String stem = abs.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                return new Source(file.toString(), text, abs.getParent(), stem);
            } catch (NoSuchFileException e) {
                throw new SpecException(file + ": no such file");
            } catch (IOException e) {
                throw new SpecException(file + ": cannot read (" + e.getMessage() + ")");
            }
        }

        /**
         * Reads at most {@link #MAX_BYTES} + 1 bytes, so that a huge file or a device such as
         * {@code /dev/zero} is refused instead of read until memory runs out.
         */
        private static String readBounded(Path file) throws IOException {
            if (Files.isDirectory(file)) {
                throw new SpecException(file + ": is a folder; expected a spec file (YAML)");
            }
            if (isDevice(file)) {
                throw new SpecException(file + ": is a device, not a spec file; expected a YAML file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new SpecException(file + ": the spec is larger than " + MAX_BYTES / 1024
                        + " KiB; a spec is a small YAML file (keep long data such as traces or empirical samples in files it names)");
            }
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                return utf8.decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new SpecException(file + ": not UTF-8 text; expected a YAML spec");
            }
        }

        private static boolean isDevice(Path file) {
            try {
                Object mode = Files.getAttribute(file, "unix:mode");
                int type = ((Integer) mode) & 0170000;
                return type == 0020000 || type == 0060000; // character or block device
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }

        /** A spec bundled with the CLI, next to {@code anchor}; relative paths against the working directory. */
        public static Source resource(Class<?> anchor, String resource) {
            try (InputStream in = anchor.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled spec " + resource + " is missing from the jar");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Source(resource + " (bundled)", text, Path.of("").toAbsolutePath(),
                        resource.replaceFirst("\\.[^.]*$", ""));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled spec " + resource, e);
            }
        }
    }

    /** Loads, overrides, binds and resolves. */
    public ResolvedSpec load(Source source, List<SpecOverride> overrides) {
        YamlShape.check(source.name(), source.text());
        LocationIndex index = LocationIndex.of(source.text());
        Located at = new Located(source.name(), index, overrides);
        ObjectNode tree = parse(source);
        PathFields.absolutize(tree, source.baseDir());
        for (SpecOverride o : overrides) {
            o.applyTo(tree);
        }
        ExperimentSpec spec;
        try {
            spec = Yaml.MAPPER.treeToValue(tree, ExperimentSpec.class);
        } catch (JsonMappingException e) {
            String path = path(e);
            throw new SpecException(at.message(path, describe(e, tree, path)), e);
        } catch (JsonProcessingException e) {
            throw new SpecException(at.message("", e.getOriginalMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new SpecException(at.message("", String.valueOf(e.getMessage())), e);
        }
        try {
            JsonNode workloadTree = tree.get("workload") == null ? null : workloadTree(spec, tree.get("workload"));
            return ResolvedSpec.resolve(spec, workloadTree, registry, source.baseDir(), source.defaultName(),
                    source.name());
        } catch (FieldError e) {
            throw new SpecException(at.message(e.path(), e.getMessage()), e);
        }
    }

    private static ObjectNode parse(Source source) {
        JsonNode tree;
        try {
            tree = Yaml.MAPPER.readTree(source.text());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? source.name() : source.name() + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new SpecException(where + ": not valid YAML: " + msg, e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new SpecException(source.name() + ": the spec is empty; expected a mapping with name, cluster, workload, schedulers, ...");
        }
        if (!(tree instanceof ObjectNode obj)) {
            throw new SpecException(source.name() + ":1:1: expected a mapping with name, cluster, workload, schedulers, ..., got "
                    + Nodes.describe(tree));
        }
        return obj;
    }

    /** The workload as the resolved spec writes it: the bound record's own form, else as written. */
    private static JsonNode workloadTree(ExperimentSpec spec, JsonNode written) {
        if (spec.workload() == null) {
            return written;
        }
        try {
            JsonNode t = Yaml.MAPPER.valueToTree(spec.workload());
            if (spec.workload().equals(Yaml.MAPPER.treeToValue(t, spec.workload().getClass()))) {
                return t;
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // fall back to the section as written
        }
        return written.deepCopy();
    }

    static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + r.getFieldName());
            } else if (r.getIndex() >= 0) {
                parts.add("[" + r.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }

    private static String describe(JsonMappingException e, JsonNode tree, String path) {
        if (e instanceof UnrecognizedPropertyException && "sweep".equals(path)) {
            return "a sweep: section is run with 'aiosim sweep SPEC'; this command runs one spec ('--set sweep=' leaves the section out)";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            return "unknown field '" + u.getPropertyName() + "'; expected one of: " + String.join(", ", known);
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + typeName(f.getTargetType()) + ", got " + show(f.getValue());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + typeName(m.getTargetType()) + ", got " + Nodes.describe(at(tree, path));
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Numeric value (") && original.contains(") out of range of ")) {
            String value = original.substring("Numeric value (".length(), original.indexOf(") out of range of "));
            boolean isInt = original.contains("out of range of int");
            return "expected an integer from " + (isInt ? Integer.MIN_VALUE : Long.MIN_VALUE) + " to "
                    + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE) + ", got " + value;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException && root.getMessage() != null) {
            return root.getMessage();
        }
        String m = e.getOriginalMessage();
        return m == null ? e.toString() : m.lines().findFirst().orElse(m);
    }

    private static String show(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    private static JsonNode at(JsonNode tree, String path) {
        if (path.isEmpty()) {
            return tree;
        }
        JsonNode n = tree;
        for (Object seg : Paths.split(path)) {
            if (n == null) {
                return null;
            }
            n = seg instanceof Integer i ? n.get(i) : n.get((String) seg);
        }
        return n;
    }

    static String typeName(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "an integer";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(t) || t.isArray()) {
            return "a list";
        }
        if (t == DurationValue.class) {
            return "a duration like 250ms, 1.5s, 2m, 1h";
        }
        if (t == ByteSize.class) {
            return "a size like 64GiB or 512MB";
        }
        return "a mapping";
    }

    /** Turns a field path and a message into a located one-line message. */
    private record Located(String source, LocationIndex index, List<SpecOverride> overrides) {
        String message(String path, String what) {
            for (int i = overrides.size() - 1; i >= 0; i--) {
                SpecOverride o = overrides.get(i);
                if (Paths.within(path, o.path()) && !path.isEmpty()) {
                    return o.origin() + ": " + path + ": " + what;
                }
            }
            String loc = index.find(path);
            String after = "";
            for (SpecOverride o : overrides) {
                if (!path.isEmpty() && Paths.within(o.path(), path)) {
                    after = " (after " + o.origin() + ")";
                }
            }
            return source + (loc == null ? "" : ":" + loc) + ": " + (path.isEmpty() ? "" : path + ": ") + what + after;
        }
    }
}
