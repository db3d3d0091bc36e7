package dev.aiosim.kernel.live;

import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.Syscall;
import java.util.List;

/**
 * Hears, on the kernel thread, of every agent of a live run once it ended (finished, cancelled,
 * or still running when the run stopped): what it was, when it arrived, and the syscalls it issued
 * in issue order. This is what {@code live} writes as its recorded trace.
 */
@FunctionalInterface
public interface AgentListener {
    /**
     * @param process the agent
     * @param arrivalNanos virtual time the kernel saw it arrive
     * @param syscalls its syscalls in issue order
     */
    void ended(AgentProcess process, long arrivalNanos, List<Syscall> syscalls);

    AgentListener NONE = (p, a, s) -> {};
}
