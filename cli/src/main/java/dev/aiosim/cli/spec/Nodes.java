package dev.aiosim.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for reading JSON tree nodes and describing them in error messages. */
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

    /**
     * The text a unit parser reads from a value that is a number or a text with a unit: a number
     * >= 0 as a plain decimal, a text as it is.
     *
     * @param expected what the value should be, for the message
     * @throws IllegalArgumentException for a negative number or any other kind of node
     */
    static String unitText(JsonNode node, String expected) {
        if (node.isNumber()) {
            if (node.decimalValue().signum() < 0) {
                throw new IllegalArgumentException(expected + ", got a negative value " + node.asText());
            }
            return node.decimalValue().toPlainString();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new IllegalArgumentException(expected + ", got " + describe(node));
    }
}
