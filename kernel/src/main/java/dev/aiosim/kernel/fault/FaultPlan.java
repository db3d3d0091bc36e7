package dev.aiosim.kernel.fault;

import java.util.List;

/**
 * What goes wrong in a run and how the kernel recovers: the spec's {@code faults:} section in
 * kernel units. Engines crash at fixed times ({@link #crashes}) and/or after exponentially
 * distributed up-times with mean {@link #mtbfNanos} (restarting after exponentially distributed
 * repairs with mean {@link #mttrNanos}); tool calls fail with a probability and are retried.
 *
 * @param crashes fixed crashes, in any order
 * @param mtbfNanos mean time between failures per engine, 0 = no random crashes
 * @param mttrNanos mean time to repair for random crashes (&gt; 0 when mtbf is set)
 * @param redispatch on a crash, calls that lost their KV go to engines that are up (true) or wait for the restart (false)
 * @param keepHostSwap swap snapshots in host memory survive a crash (their calls wait for the restart)
 * @param llmMaxLosses an LLM call that loses its KV this many times fails; 0 = never fails for that
 * @param toolFailureProbability probability that one attempt of a tool call fails, in [0, 1]
 * @param toolMaxAttempts attempts of a tool call before it fails for good (&ge; 1)
 * @param toolBackoffNanos wait before the first retry
 * @param toolBackoffMultiplier each further retry waits this many times longer (&ge; 1)
 */
public record FaultPlan(List<Crash> crashes, long mtbfNanos, long mttrNanos, boolean redispatch, boolean keepHostSwap,
                        int llmMaxLosses, double toolFailureProbability, int toolMaxAttempts, long toolBackoffNanos,
                        double toolBackoffMultiplier) {

    /**
     * One fixed crash.
     *
     * @param engine engine index
     * @param atNanos when it crashes
     * @param downNanos how long it stays down (&gt; 0)
     */
    public record Crash(int engine, long atNanos, long downNanos) {
        public Crash {
            if (engine < 0 || atNanos < 0 || downNanos <= 0) {
                throw new IllegalArgumentException("crash: expected engine >= 0, at >= 0 and down > 0, got engine "
                        + engine + ", at " + atNanos + " ns, down " + downNanos + " ns");
            }
        }
    }

    public FaultPlan {
        crashes = List.copyOf(crashes);
        if (mtbfNanos < 0 || mttrNanos < 0 || mtbfNanos > 0 && mttrNanos == 0) {
            throw new IllegalArgumentException("expected mtbf >= 0 and, with an mtbf, mttr > 0; got mtbf "
                    + mtbfNanos + " ns, mttr " + mttrNanos + " ns");
        }
        if (llmMaxLosses < 0) {
            throw new IllegalArgumentException("expected llm-max-losses >= 0, got " + llmMaxLosses);
        }
        if (!(toolFailureProbability >= 0 && toolFailureProbability <= 1)) {
            throw new IllegalArgumentException("expected a tool failure probability in [0, 1], got " + toolFailureProbability);
        }
        if (toolMaxAttempts < 1 || toolBackoffNanos < 0 || !(toolBackoffMultiplier >= 1) || Double.isInfinite(toolBackoffMultiplier)) {
            throw new IllegalArgumentException("expected tool max-attempts >= 1, backoff >= 0 and a finite multiplier >= 1");
        }
    }

    /** Whether engines ever crash. */
    public boolean crashesEngines() {
        return !crashes.isEmpty() || mtbfNanos > 0;
    }

    /** Whether tool calls ever fail. */
    public boolean failsTools() {
        return toolFailureProbability > 0;
    }

    /** The wait before retry number {@code retry} (1 = the first retry), saturated at Long.MAX_VALUE / 4. */
    public long backoffNanos(int retry) {
        double b = toolBackoffNanos * Math.pow(toolBackoffMultiplier, retry - 1);
        return b >= Long.MAX_VALUE / 4.0 ? Long.MAX_VALUE / 4 : (long) b;
    }
}
