package dev.aiosim.schedulers.rr;

import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.util.Map;
import java.util.Set;

/** Registers {@link RoundRobinScheduler} as {@code rr}; {@code quantum} defaults to 64 tokens. */
public final class RoundRobinProvider implements SchedulerProvider {
    @Override
    public String name() {
        return "rr";
    }

    @Override
    public String description() {
        return "round-robin with a quantum in tokens (quantum: 64) or time (quantum: 1s); expired calls are snapshotted and requeued at the tail (AIOS RR)";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("quantum");
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        Quantum q;
        try {
            q = Quantum.parse(params.getOrDefault("quantum", "64"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy 'rr' parameter 'quantum': " + e.getMessage());
        }
        return engine -> new RoundRobinScheduler(q);
    }
}
