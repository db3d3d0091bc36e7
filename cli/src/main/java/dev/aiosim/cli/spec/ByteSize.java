package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiosim.kernel.units.ByteSizes;

/**
 * A memory size in a spec: {@code 64GiB}, {@code 512MB}, {@code 4KiB}, or plain bytes, read by
 * {@link ByteSizes} (the one size syntax: binary units KiB, MiB, GiB, TiB are powers of 1024,
 * decimal ones kB, MB, GB, TB powers of 1000). Written back in the largest unit that represents
 * it exactly.
 *
 * @param bytes the size in bytes, >= 0
 */
public record ByteSize(long bytes) {
    static final String EXPECTED = ByteSizes.EXPECTED;
    /** Largest first, so the first unit that divides exactly gives the shortest text. */
    private static final String[] UNITS = {"TiB", "TB", "GiB", "GB", "MiB", "MB", "KiB", "kB"};
    private static final long[] UNIT_BYTES = {1L << 40, 1_000_000_000_000L, 1L << 30, 1_000_000_000L,
        1L << 20, 1_000_000L, 1L << 10, 1_000L};

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException(EXPECTED + ", got a negative value");
        }
    }

    /** Parses text such as {@code 64GiB}; a number without a unit is bytes. */
    public static ByteSize parse(String text) {
        return new ByteSize(ByteSizes.parse(text));
    }

    /** Jackson entry point: a number (bytes) or a text with a unit. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ByteSize of(JsonNode node) {
        return parse(Nodes.unitText(node, EXPECTED));
    }

    /** The canonical text: {@code 64GiB}, {@code 512MB}, or bytes as a plain number. */
    @JsonValue
    public String text() {
        if (bytes == 0) {
            return "0";
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (bytes % UNIT_BYTES[i] == 0) {
                return bytes / UNIT_BYTES[i] + UNITS[i];
            }
        }
        return Long.toString(bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
