package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiosim.kernel.units.ByteSizes;

/**
 * A bandwidth in a spec: a size per second, {@code 1GB/s}, {@code 500MiB/s} (the size syntax of
 * {@link ByteSize}; the {@code /s} may be left out, a plain number is bytes per second). Written
 * back as the canonical size followed by {@code /s}.
 *
 * @param bytesPerSecond bytes per second, >= 1
 */
public record Bandwidth(long bytesPerSecond) {
    static final String EXPECTED = "expected a bandwidth like 1GB/s or 500MiB/s (a size per second, > 0)";

    public Bandwidth {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException(EXPECTED + ", got " + bytesPerSecond + " bytes/s");
        }
    }

    /** Parses text such as {@code 1GB/s}. */
    public static Bandwidth parse(String text) {
        String t = text.trim();
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2).trim();
        }
        long b;
        try {
            b = ByteSizes.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        if (b < 1) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        return new Bandwidth(b);
    }

    /** Jackson entry point: a number (bytes per second) or a text with a unit. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Bandwidth of(JsonNode node) {
        return parse(Nodes.unitText(node, EXPECTED));
    }

    @JsonValue
    public String text() {
        return new ByteSize(bytesPerSecond).text() + "/s";
    }

    @Override
    public String toString() {
        return text();
    }
}
