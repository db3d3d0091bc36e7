package dev.aiosim.schedulers.rr;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.time.Durations;

/**
 * A round-robin time slice, counted either in output tokens generated since admission or in
 * virtual time since admission. Expiry is checked at step boundaries.
 */
public sealed interface Quantum {
    boolean expired(CallView running, long now);

    /** {@code 64} means tokens; a duration with a unit ({@code 1s}, {@code 250ms}, {@code 10µs}: see {@link Durations}) means time. */
    static Quantum parse(String text) {
        if (Durations.hasUnit(text)) {
            long n = Durations.parseNanos(text);
            if (n <= 0) {
                throw new IllegalArgumentException("expected a quantum > 0, got '" + text + "'");
            }
            return new Time(n);
        }
        try {
            int t = Integer.parseInt(text.trim());
            if (t <= 0) {
                throw new NumberFormatException();
            }
            return new Tokens(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a quantum in tokens (e.g. 64) or time (e.g. 1s, 250ms), got '" + text + "'");
        }
    }

    /** Expires after this many output tokens since admission. */
    record Tokens(int tokens) implements Quantum {
        @Override
        public boolean expired(CallView running, long now) {
            return running.tokensSinceAdmitted() >= tokens;
        }
    }

    /** Expires after this much virtual time since admission. */
    record Time(long nanos) implements Quantum {
        @Override
        public boolean expired(CallView running, long now) {
            return now - running.admittedAt() >= nanos;
        }
    }
}
