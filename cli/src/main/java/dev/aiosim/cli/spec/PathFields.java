package dev.aiosim.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The spec fields that hold file paths ({@code cluster.catalog}, {@code cluster.cost-model.path}, {@code workload.trace} and every
 * {@code file} under {@code workload}, e.g. empirical distributions). Relative paths in a spec
 * file are taken from the spec's folder; on loading they are made absolute, and the resolved
 * spec writes them relative to the results folder, so it can be run again from there.
 */
public final class PathFields {
    private PathFields() {}

    /** Whether the dotted {@code path} names a file path (taken relative to the spec's folder in a spec file). */
    public static boolean isPathField(String path) {
        return path.equals("cluster.catalog") || path.equals("workload.trace") || path.equals("cluster.cost-model.path")
                || path.startsWith("workload.") && path.endsWith(".file");
    }

    /** Makes every relative path field absolute against {@code baseDir}. */
    static void absolutize(ObjectNode root, Path baseDir) {
        rewrite(root, "", s -> baseDir.resolve(s).toAbsolutePath().normalize().toString());
    }

    /** Writes every absolute path field relative to {@code dir} where possible. */
    public static void relativize(ObjectNode root, Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        rewrite(root, "", s -> {
            Path p = Path.of(s);
            if (!p.isAbsolute() || p.getRoot() == null || !p.getRoot().equals(base.getRoot())) {
                return s;
            }
            String rel = base.relativize(p).toString().replace('\\', '/');
            return rel.isEmpty() ? "." : rel;
        });
    }

    private static void rewrite(JsonNode node, String path, UnaryOperator<String> f) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual() && isPathField(p)) {
                    e.setValue(TextNode.valueOf(f.apply(e.getValue().textValue())));
                } else {
                    rewrite(e.getValue(), p, f);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rewrite(node.get(i), path + "[" + i + "]", f);
            }
        }
    }
}
