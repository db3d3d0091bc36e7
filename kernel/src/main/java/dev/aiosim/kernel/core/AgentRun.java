package dev.aiosim.kernel.core;

import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.process.AgentProcess;

/** The kernel's bookkeeping for one live agent process. */
final class AgentRun {
    final AgentProcess process;
    final long arrivalAt;
    int llmCalls;
    int otherCalls;
    long waitingNanos;
    long serviceTokens;
    int aliveIndex = -1;

    AgentRun(AgentProcess process, long arrivalAt) {
        this.process = process;
        this.arrivalAt = arrivalAt;
    }

    AgentRecord record(long finishedAt) {
        return new AgentRecord(process.pid(), process.name(), process.priority(), process.weight(), arrivalAt,
                finishedAt, llmCalls, otherCalls, waitingNanos, serviceTokens);
    }
}
