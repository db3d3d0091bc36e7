package dev.aiosim.schedulers.fifo;

import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.util.Map;
import java.util.Set;

/** Registers {@link FifoScheduler} as {@code fifo}. */
public final class FifoProvider implements SchedulerProvider {
    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public String description() {
        return "first-in first-out, run to completion, preempt only on KV exhaustion (AIOS FIFO, vLLM default)";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        return engine -> new FifoScheduler();
    }
}
