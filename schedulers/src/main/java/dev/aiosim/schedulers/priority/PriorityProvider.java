package dev.aiosim.schedulers.priority;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.Params;
import java.util.Map;

/** Registers {@link PriorityScheduler} as {@code priority}; {@code aging} is off unless given. */
public final class PriorityProvider implements SchedulerProvider {
    static final PolicyInfo INFO = PolicyInfo.of("priority",
            "preemptive by agent priority, FIFO within a level, optional aging (aging: 10s = one level per 10 s waited)",
            PolicyParameter.of("aging", "a waiting call gains one priority level per this much time queued (10s); off unless given",
                    "20ms"));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        long aging = Params.duration(INFO.name(), params, "aging", 0);
        return engine -> new PriorityScheduler(aging);
    }
}
