package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration in a spec: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 10us},
 * {@code 5ns}, or a plain number of seconds. Held as whole nanoseconds; written back in the
 * largest unit that represents it exactly, so a resolved spec reads back to the same value.
 *
 * @param nanos the duration in nanoseconds, >= 0
 */
public record DurationValue(long nanos) {
    static final String EXPECTED = "expected a duration like 250ms, 1.5s, 2m, 1h or a number of seconds";
    private static final Pattern FORM = Pattern.compile(
            "([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE]([-+]?[0-9]+))?\\s*(ns|us|µs|ms|s|sec|m|min|h)?");
    private static final String[] UNITS = {"h", "m", "s", "ms", "us", "ns"};
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};

    public DurationValue {
        if (nanos < 0) {
            throw new IllegalArgumentException(EXPECTED + ", got a negative value");
        }
    }

    /** Parses text such as {@code 250ms}; a number without a unit is seconds. */
    public static DurationValue parse(String text) {
        String s = text.trim();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        BigDecimal v = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            v = v.scaleByPowerOfTen(Integer.parseInt(m.group(2)));
        }
        String unit = m.group(3) == null ? "s" : m.group(3);
        long per = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s", "sec" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        };
        BigDecimal n = v.multiply(BigDecimal.valueOf(per)).setScale(0, RoundingMode.HALF_UP);
        if (n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (too large)");
        }
        return new DurationValue(n.longValueExact());
    }

    /** Jackson entry point: a number (seconds) or a text with a unit. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DurationValue of(JsonNode node) {
        return parse(Nodes.unitText(node, EXPECTED));
    }

    /** The canonical text: the largest unit that holds the value exactly ({@code 1500ms}, {@code 2m}). */
    @JsonValue
    public String text() {
        if (nanos == 0) {
            return "0s";
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (nanos % UNIT_NANOS[i] == 0) {
                return nanos / UNIT_NANOS[i] + UNITS[i];
            }
        }
        throw new AssertionError();
    }

    @Override
    public String toString() {
        return text();
    }
}
