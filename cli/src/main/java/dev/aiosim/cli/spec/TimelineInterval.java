package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aiosim.kernel.time.Durations;
import java.util.Locale;

/**
 * {@code metrics.timeline-interval}: how often a simulated run samples each engine's queue, batch
 * and KV use into {@code timeline.csv}, in virtual time; {@code off} (or {@code 0}) takes no
 * samples. Bounded below so that a long run cannot write a file of billions of rows by a typo.
 *
 * @param nanos the interval, 0 for off
 */
public record TimelineInterval(long nanos) {
    /** The default, 1 s: a row per engine and second of virtual time. */
    public static final TimelineInterval DEFAULT = new TimelineInterval(1_000_000_000L);
    static final long MIN = 1_000_000L;
    static final long MAX = 1_000_000L * 1_000_000_000L;
    private static final String EXPECTED = "expected off, 0, or a duration from 1ms to 1000000s (" + Durations.EXPECTED
            .replaceFirst("^expected ", "") + ")";

    public TimelineInterval {
        if (nanos != 0 && (nanos < MIN || nanos > MAX)) {
            throw new IllegalArgumentException(EXPECTED + ", got " + new DurationValue(Math.max(0, nanos)));
        }
    }

    /** Jackson entry point: {@code off}, or a duration (a number is seconds). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TimelineInterval of(JsonNode node) {
        if (node.isTextual() && node.textValue().trim().toLowerCase(Locale.ROOT).equals("off")) {
            return new TimelineInterval(0);
        }
        if (node.isBoolean() && !node.booleanValue()) {
            return new TimelineInterval(0); // YAML 1.1 reads a bare off as false
        }
        try {
            return new TimelineInterval(DurationValue.parse(Nodes.unitText(node, EXPECTED)).nanos());
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(m.startsWith(EXPECTED) ? m : EXPECTED + ", got " + Nodes.describe(node), e);
        }
    }

    /** Whether samples are taken. */
    public boolean on() {
        return nanos > 0;
    }

    /** {@code off}, or the duration's canonical text. */
    @JsonValue
    public String text() {
        return nanos == 0 ? "off" : new DurationValue(nanos).text();
    }

    @Override
    public String toString() {
        return text();
    }
}
