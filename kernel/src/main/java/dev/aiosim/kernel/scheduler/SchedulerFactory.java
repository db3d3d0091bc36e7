package dev.aiosim.kernel.scheduler;

/** Makes one fresh {@link Scheduler} per engine, with its parameters already bound. */
@FunctionalInterface
public interface SchedulerFactory {
    Scheduler create(int engineId);
}
