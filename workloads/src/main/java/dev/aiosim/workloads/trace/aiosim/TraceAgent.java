package dev.aiosim.workloads.trace.aiosim;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.workloads.program.ScriptProgram;
import dev.aiosim.workloads.trace.Syscalls;
import java.util.List;
import java.util.Objects;

/**
 * One agent of an aiosim JSONL trace: who it is, when it arrives and the syscalls it issues
 * closed-loop. Exists as the plain-data form of an agent that a writer records and a reader
 * returns, independent of how the agent's program was generated.
 *
 * @param pid unique process id, >= 0
 * @param name human-readable name
 * @param arrivalNanos arrival in virtual nanoseconds, >= 0
 * @param priority larger is more important; 0 is the default level
 * @param weight fair-share weight, > 0
 * @param group access-control group
 * @param syscalls the syscalls in issue order
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
            throw new IllegalArgumentException("arrivalNanos must be >= 0, got " + arrivalNanos);
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number > 0, got " + weight);
        }
    }

    /**
     * The trace form of an arrival from any source; its program is driven to the end with
     * {@link Syscalls#unroll}, so the arrival's agent must not run afterwards.
     */
    public static TraceAgent of(AgentArrival arrival) {
        AgentProcess a = arrival.agent();
        return new TraceAgent(a.pid(), a.name(), arrival.time(), a.priority(), a.weight(), a.group(),
                Syscalls.unroll(a));
    }

    /** A fresh arrival whose program replays {@link #syscalls()} closed-loop. */
    public AgentArrival toArrival() {
        return new AgentArrival(arrivalNanos, new AgentProcess(pid, name, priority, weight, group,
                new ScriptProgram(syscalls)));
    }
}
