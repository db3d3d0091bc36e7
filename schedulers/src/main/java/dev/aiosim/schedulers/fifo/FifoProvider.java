package dev.aiosim.schedulers.fifo;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.util.Map;

/** Registers {@link FifoScheduler} as {@code fifo}. */
public final class FifoProvider implements SchedulerProvider {
    static final PolicyInfo INFO = PolicyInfo.of("fifo",
            "first-in first-out, run to completion, preempt only on KV exhaustion (AIOS FIFO, vLLM default)");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        return engine -> new FifoScheduler();
    }
}
