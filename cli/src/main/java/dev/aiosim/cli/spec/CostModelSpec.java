package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code cluster.cost-model} as written: a kind ({@code roofline}, {@code per-operator}) or a
 * mapping with {@code kind} and that kind's parameters, kept as text until
 * {@link CostModelChoice#resolve} checks them. A new kind adds a case there, not here.
 *
 * @param kind the cost model's kind
 * @param params its parameters by key, sorted
 */
public record CostModelSpec(String kind, SortedMap<String, String> params) {
    public CostModelSpec {
        params = new TreeMap<>(params);
    }

    /** A kind without parameters. */
    public static CostModelSpec of(String kind) {
        return new CostModelSpec(kind, new TreeMap<>());
    }

    /** Jackson entry point for both forms. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CostModelSpec of(JsonNode node) {
        if (node.isTextual()) {
            return of(node.textValue().trim());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a cost model kind (" + String.join(" | ", CostModelChoice.KINDS)
                    + ") or a mapping like {kind: per-operator, linear-compute: 0.7}, got " + Nodes.describe(node));
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual() || kind.textValue().isBlank()) {
            throw new IllegalArgumentException("expected a 'kind' naming the cost model (" + String.join(" | ",
                    CostModelChoice.KINDS) + "), got " + Nodes.describe(kind));
        }
        TreeMap<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("kind")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw new IllegalArgumentException("'" + e.getKey() + "': expected a single value, got " + Nodes.describe(v));
            }
            params.put(e.getKey(), v.isNumber() ? v.numberValue().toString() : v.asText());
        }
        return new CostModelSpec(kind.textValue().trim(), params);
    }

    /** The text form when there are no parameters, else the mapping: {@code kind}, then the parameters, numbers as numbers. */
    @JsonValue
    public JsonNode written() {
        if (params.isEmpty()) {
            return JsonNodeFactory.instance.textNode(kind);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", kind);
        params.forEach((k, v) -> {
            try {
                o.put(k, Double.parseDouble(v));
            } catch (NumberFormatException e) {
                o.put(k, v);
            }
        });
        return o;
    }
}
