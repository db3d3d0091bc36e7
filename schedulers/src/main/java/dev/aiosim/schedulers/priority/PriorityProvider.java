package dev.aiosim.schedulers.priority;

import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.Params;
import java.util.Map;
import java.util.Set;

/** Registers {@link PriorityScheduler} as {@code priority}; {@code aging} is off unless given. */
public final class PriorityProvider implements SchedulerProvider {
    @Override
    public String name() {
        return "priority";
    }

    @Override
    public String description() {
        return "preemptive by agent priority, FIFO within a level, optional aging (aging: 10s = one level per 10 s waited)";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("aging");
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        long aging = Params.duration("priority", params, "aging", 0);
        return engine -> new PriorityScheduler(aging);
    }
}
