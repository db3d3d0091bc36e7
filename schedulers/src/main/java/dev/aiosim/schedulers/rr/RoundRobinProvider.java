package dev.aiosim.schedulers.rr;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.util.Map;

/**
 * Registers {@link RoundRobinScheduler} as {@code rr}; {@code quantum} defaults to 64 tokens,
 * {@code min-tokens} (the thrash guard) to 0.
 */
public final class RoundRobinProvider implements SchedulerProvider {
    static final PolicyInfo INFO = PolicyInfo.of("rr",
            "round-robin with a quantum in tokens (quantum: 64) or time (quantum: 1s); expired calls are snapshotted and requeued at the tail (AIOS RR)",
            PolicyParameter.of("quantum", "time slice since admission, in output tokens (64) or virtual time (1s, 250ms); default 64 tokens",
                    "3", "5ms"),
            PolicyParameter.of("min-tokens", "thrash guard: an expired call keeps its slot until it has generated this many"
                    + " tokens since admission; default 0 (off, AIOS semantics)", "2"));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        Quantum q;
        try {
            q = Quantum.parse(params.getOrDefault("quantum", "64"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy 'rr' parameter 'quantum': " + e.getMessage());
        }
        int minTokens;
        try {
            minTokens = Integer.parseInt(params.getOrDefault("min-tokens", "0").trim());
        } catch (NumberFormatException e) {
            minTokens = -1;
        }
        if (minTokens < 0) {
            throw new IllegalArgumentException("policy 'rr' parameter 'min-tokens': expected a number of tokens >= 0, got '"
                    + params.get("min-tokens") + "'");
        }
        int floor = minTokens;
        return engine -> new RoundRobinScheduler(q, floor);
    }
}
