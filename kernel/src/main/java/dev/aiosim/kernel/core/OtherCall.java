package dev.aiosim.kernel.core;

import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.resource.Resource;

/** A tool, memory or storage call of an agent, waiting in or served by its resource. */
final class OtherCall implements Resource.Request {
    final AgentRun agent;
    final Syscall call;
    final long latency;
    final long submittedAt;
    final Resource<OtherCall> resource;
    /** Failed attempts so far (tool calls under fault injection). */
    int failedAttempts;

    OtherCall(AgentRun agent, Syscall call, long latency, long submittedAt, Resource<OtherCall> resource) {
        this.agent = agent;
        this.call = call;
        this.latency = latency;
        this.submittedAt = submittedAt;
        this.resource = resource;
    }

    @Override
    public long latencyNanos() {
        return latency;
    }

    @Override
    public void fire(long now) {
        resource.complete(this, now);
    }
}
