package dev.aiosim.cli.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses the YAML that a spec must not be, before it is bound, with a located one-line message:
 * more than one document, aliases ({@code *name}), a key given twice in one mapping (YAML says
 * keys are unique; the parser would silently keep the last), explicit nulls and {@code .nan} /
 * {@code .inf} (which would otherwise mean "the default" or a parse error without a field).
 *
 * <p>One streaming pass over the tokens, like {@link LocationIndex}; syntax errors are left to
 * the loader, which reports them as "not valid YAML".
 */
final class YamlShape {
    private YamlShape() {}

    /**
     * Checks a spec text.
     *
     * @param name how messages name the text (its file)
     * @throws SpecException naming {@code name:line:column: path: what}
     */
    static void check(String name, String text) {
        YAMLFactory factory = YAMLFactory.builder().build();
        try (JsonParser p = factory.createParser(text)) {
            Set<String> keys = new HashSet<>();
            int depth = 0;
            int rootValues = 0;
            // one set of keys per open mapping, kept on a stack of sets
            ArrayDeque<Set<String>> open = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (depth == 0 && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    rootValues++;
                    if (rootValues > 1) {
                        throw new SpecException(where(name, p) + ": expected one YAML document, found a second one"
                                + " (a spec is a single mapping; remove the '---' and what follows, or split the file)");
                    }
                }
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new SpecException(where(name, p) + ": " + path(p, t) + "YAML aliases (*" + p.getText()
                            + ") are not supported; write the value out");
                }
                switch (t) {
                    case START_OBJECT -> {
                        open.push(keys);
                        keys = new HashSet<>();
                        depth++;
                    }
                    case START_ARRAY -> depth++;
                    case END_OBJECT -> {
                        keys = open.pop();
                        depth--;
                    }
                    case END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        if (!keys.add(p.currentName())) {
                            throw new SpecException(where(name, p) + ": " + path(p, t) + "duplicate key '" + p.currentName()
                                    + "'; each key may appear once in a mapping");
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> finite(name, p);
                    case VALUE_NULL -> throw new SpecException(where(name, p) + ": " + path(p, t)
                            + "expected a value, got nothing (null); leave the key out to use the default");
                    default -> { }
                }
            }
        } catch (IOException e) {
            // not valid YAML: the loader's parse reports it with its location
        }
    }

    /** A {@code .nan} / {@code .inf} scalar (or any float that does not parse) becomes a located message. */
    private static void finite(String name, JsonParser p) throws IOException {
        String text = p.getText();
        boolean ok;
        try {
            ok = Double.isFinite(p.getDoubleValue());
        } catch (JsonProcessingException | NumberFormatException e) {
            ok = false;
        }
        if (!ok) {
            throw new SpecException(where(name, p) + ": " + path(p, JsonToken.VALUE_NUMBER_FLOAT)
                    + "expected a finite number, got '" + text + "' (.nan and .inf are not numbers a spec accepts)");
        }
    }

    private static String where(String name, JsonParser p) {
        JsonLocation loc = p.currentTokenLocation();
        return loc == null ? name : name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /** {@code "cluster.max-batch: "}, or nothing at the root. */
    private static String path(JsonParser p, JsonToken t) {
        JsonStreamContext ctx = p.getParsingContext();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            ctx = ctx.getParent();
        }
        String s = LocationIndex.dotted(ctx);
        return s.isEmpty() ? "" : s + ": ";
    }
}
