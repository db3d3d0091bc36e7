package dev.aiosim.workloads.trace.aiosim;

import dev.aiosim.kernel.process.Syscall;
import java.util.List;
import java.util.Objects;

/**
 * One agent process as one line of an aiosim JSONL trace: who it is, when it arrives, and the
 * syscalls it issues closed-loop, in order.
 *
 * @param pid unique process id, >= 0
 * @param name name
 * @param arrivalNanos arrival time in virtual nanoseconds, >= 0
 * @param priority priority (larger is more important)
 * @param weight share weight, > 0
 * @param group access-control group
 * @param syscalls its syscalls in issue order
 */
public record TraceAgent(long pid, String name, long arrivalNanos, int priority, double weight, String group,
                         List<Syscall> syscalls) {
    public TraceAgent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        syscalls = List.copyOf(syscalls);
        if (pid < 0) {
            throw new IllegalArgumentException("pid must be >= 0, got " + pid);
        }
        if (arrivalNanos < 0) {
            throw new IllegalArgumentException("arrival must be >= 0 ns, got " + arrivalNanos);
        }
    }
}
