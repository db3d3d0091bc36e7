package dev.aiosim.kernel.core;

import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.function.Consumer;

/**
 * The kernel's bookkeeping for one agent process that has arrived. Outside this package it is an
 * opaque handle, which a live runtime holds for each {@link Kernel#attach attached} agent.
 */
public final class AgentRun {
    final AgentProcess process;
    final long arrivalAt;
    int llmCalls;
    int otherCalls;
    long waitingNanos;
    long serviceTokens;
    int aliveIndex = -1;
    /** Where results go for an attached agent; {@code null} when the kernel pulls its program. */
    Consumer<SyscallResult> results;
    boolean cancelled;

    AgentRun(AgentProcess process, long arrivalAt) {
        this.process = process;
        this.arrivalAt = arrivalAt;
    }

    /** The agent's pid. */
    public long pid() {
        return process.pid();
    }

    AgentRecord record(long finishedAt) {
        return new AgentRecord(process.pid(), process.name(), process.priority(), process.weight(), arrivalAt,
                finishedAt, llmCalls, otherCalls, waitingNanos, serviceTokens);
    }
}
