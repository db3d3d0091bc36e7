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
 * One entry of {@code schedulers}: a bare name ({@code fifo}) or a mapping with {@code name},
 * an optional {@code label} for reports, and parameters (every other key, passed to the policy
 * as text).
 *
 * @param name registered policy name
 * @param label report label, or {@code null} to derive one from name and parameters
 * @param params policy parameters, sorted by key
 */
public record SchedulerSpec(String name, String label, SortedMap<String, String> params) {
    public SchedulerSpec {
        params = new TreeMap<>(params);
    }

    /** Jackson entry point for both forms. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SchedulerSpec of(JsonNode node) {
        if (node.isTextual()) {
            return new SchedulerSpec(node.textValue().trim(), null, new TreeMap<>());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a policy name or a mapping like {name: rr, quantum: 64}, got "
                    + Nodes.describe(node));
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            throw new IllegalArgumentException("expected a 'name' naming the policy, got " + Nodes.describe(name));
        }
        String label = null;
        TreeMap<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("name")) {
                continue;
            }
            if (!v.isValueNode() || v.isNull()) {
                throw new IllegalArgumentException("parameter '" + key + "': expected a single value, got " + Nodes.describe(v));
            }
            if (key.equals("label")) {
                label = v.asText();
            } else {
                params.put(key, v.isNumber() ? v.numberValue().toString() : v.asText());
            }
        }
        return new SchedulerSpec(name.textValue().trim(), label, params);
    }

    /**
     * The entry as the resolved spec writes it, the mapping form {@link #of} reads: {@code name},
     * {@code label} if given, then the parameters, integers as numbers and the rest as text.
     */
    @JsonValue
    public ObjectNode written() {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("name", name);
        if (label != null) {
            e.put("label", label);
        }
        params.forEach((k, v) -> {
            if (v.matches("-?[0-9]{1,18}") && Long.toString(Long.parseLong(v)).equals(v)) {
                e.put(k, Long.parseLong(v));
            } else {
                e.put(k, v);
            }
        });
        return e;
    }

    /** The name in reports: the label if given, else {@code name} or {@code name(k=v;k2=v2)}. */
    public String displayName() {
        if (label != null) {
            return label;
        }
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name).append('(');
        params.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ";").append(k).append('=').append(v));
        return b.append(')').toString();
    }
}
