package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The spec's {@code audit} key: {@code on} writes the hash-chained {@code audit.jsonl} trail
 * beside the results, {@code off} (the default) does not. YAML booleans are accepted too.
 *
 * @param on whether the trail is written
 */
public record AuditSwitch(boolean on) {
    /** Jackson entry point: {@code on}, {@code off}, {@code true} or {@code false}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AuditSwitch of(JsonNode node) {
        if (node != null && node.isBoolean()) {
            return new AuditSwitch(node.booleanValue());
        }
        String t = node == null || !node.isTextual() ? null : node.textValue().trim();
        if ("on".equals(t) || "true".equals(t)) {
            return new AuditSwitch(true);
        }
        if ("off".equals(t) || "false".equals(t)) {
            return new AuditSwitch(false);
        }
        throw new IllegalArgumentException("expected on or off, got " + Nodes.describe(node));
    }

    @JsonValue
    public String text() {
        return on ? "on" : "off";
    }
}
