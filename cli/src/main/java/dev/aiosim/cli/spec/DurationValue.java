package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiosim.kernel.time.Durations;

/**
 * A duration in a spec: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 10us},
 * {@code 5ns}, or a plain number of seconds, read by {@link Durations} (the one duration syntax).
 * Held as whole nanoseconds; written back in the largest unit that represents it exactly, so a
 * resolved spec reads back to the same value.
 *
 * @param nanos the duration in nanoseconds, >= 0
 */
public record DurationValue(long nanos) {
    static final String EXPECTED = Durations.EXPECTED;
    private static final String[] UNITS = {"h", "m", "s", "ms", "us", "ns"};
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};

    public DurationValue {
        if (nanos < 0) {
            throw new IllegalArgumentException(EXPECTED + ", got a negative value");
        }
    }

    /** Parses text such as {@code 250ms}; a number without a unit is seconds. */
    public static DurationValue parse(String text) {
        return new DurationValue(Durations.parseNanos(text));
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
