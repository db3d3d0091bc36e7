package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory size in a spec: {@code 64GiB}, {@code 512MB}, {@code 4KiB}, or plain bytes. Binary
 * units (KiB, MiB, GiB, TiB) are powers of 1024, decimal ones (kB, MB, GB, TB) powers of 1000.
 * Written back in the largest unit that represents it exactly.
 *
 * @param bytes the size in bytes, >= 0
 */
public record ByteSize(long bytes) {
    static final String EXPECTED = "expected a size like 64GiB, 512MB or a number of bytes";
    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*([a-zA-Z]+)?");
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
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        long per = m.group(2) == null ? 1 : unit(m.group(2), text);
        BigDecimal n = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(per)).setScale(0, RoundingMode.HALF_UP);
        if (n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (too large)");
        }
        return new ByteSize(n.longValueExact());
    }

    private static long unit(String u, String text) {
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "b" -> 1L;
            case "k", "kb" -> 1_000L;
            case "m", "mb" -> 1_000_000L;
            case "g", "gb" -> 1_000_000_000L;
            case "t", "tb" -> 1_000_000_000_000L;
            case "ki", "kib" -> 1L << 10;
            case "mi", "mib" -> 1L << 20;
            case "gi", "gib" -> 1L << 30;
            case "ti", "tib" -> 1L << 40;
            default -> throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (unknown unit '" + u + "')");
        };
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
