package dev.aiosim.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for describing JSON tree nodes in error messages. */
final class Nodes {
    private Nodes() {}

    /** "a list", "a mapping", "'abc'", "42", "nothing". */
    static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        return node.asText();
    }
}
