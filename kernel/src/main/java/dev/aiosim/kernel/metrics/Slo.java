package dev.aiosim.kernel.metrics;

/**
 * Service-level objectives per LLM call; a call counts toward goodput when it completes and
 * meets every objective that is set (0 = not set).
 *
 * @param ttftNanos time to first token limit
 * @param tbtNanos limit on the largest gap between output tokens
 * @param e2eNanos end-to-end limit
 */
public record Slo(long ttftNanos, long tbtNanos, long e2eNanos) {
    public static final Slo NONE = new Slo(0, 0, 0);

    public Slo {
        if (ttftNanos < 0 || tbtNanos < 0 || e2eNanos < 0) {
            throw new IllegalArgumentException("SLO limits must be >= 0");
        }
    }

    public boolean met(CallRecord c) {
        return c.status() == CallStatus.COMPLETED
                && (ttftNanos == 0 || c.ttftNanos() <= ttftNanos)
                && (tbtNanos == 0 || c.maxTbtNanos() <= tbtNanos)
                && (e2eNanos == 0 || c.e2eNanos() <= e2eNanos);
    }
}
