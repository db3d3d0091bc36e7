package dev.aiosim.kernel.core;

import dev.aiosim.kernel.cache.BlockTable;
import dev.aiosim.kernel.context.ContextSnapshot;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.scheduler.CallView;

/**
 * The kernel's mutable state of one LLM call in flight. Policies see it only through
 * {@link CallView}.
 */
public final class LlmRequest implements CallView {
    enum State { QUEUED, RUNNING, DONE }

    final long id;
    final AgentRun agent;
    final LlmCall call;
    final int toGenerate;
    final long submittedAt;
    Engine engine;
    State state = State.QUEUED;
    long enqueuedAt;
    long firstAdmittedAt = -1;
    long admittedAt = -1;
    long firstTokenAt = -1;
    long lastTokenAt = -1;
    long completedAt = -1;
    int generated;

    /** Prompt plus generated tokens. */
    int context() {
        return call.promptTokens() + generated;
    }

    /** KV tokens only this call holds: its context less the cached blocks it references. */
    long privateTokens() {
        return blocks == null ? context() : context() - blocks.heldTokens();
    }

    int tokensSinceAdmitted;
    int preemptions;
    ContextSnapshot snapshot;
    long swappedOutBytes;
    long swappedInBytes;
    long recomputedTokens;
    long maxTbtNanos;
    long prefixHitTokens;
    /** Cached blocks it references; null when the engine has no prefix cache or the call no prefix. */
    BlockTable blocks;
    int inFlightIndex = -1;

    LlmRequest(long id, AgentRun agent, LlmCall call, long now) {
        this.id = id;
        this.agent = agent;
        this.call = call;
        this.toGenerate = call.tokensToGenerate();
        this.submittedAt = now;
        this.enqueuedAt = now;
    }

    @Override public long id() { return id; }
    @Override public long agentPid() { return agent.process.pid(); }
    @Override public int priority() { return agent.process.priority(); }
    @Override public double weight() { return agent.process.weight(); }
    @Override public String group() { return agent.process.group(); }
    @Override public int promptTokens() { return call.promptTokens(); }
    @Override public int maxTokens() { return call.maxTokens(); }
    @Override public int generatedTokens() { return generated; }
    @Override public long submittedAt() { return submittedAt; }
    @Override public long enqueuedAt() { return enqueuedAt; }
    @Override public long admittedAt() { return admittedAt; }
    @Override public int tokensSinceAdmitted() { return tokensSinceAdmitted; }
    @Override public int preemptions() { return preemptions; }
    @Override public boolean hasSnapshot() { return snapshot != null; }

    @Override
    public int oracleOutputTokens() {
        if (engine == null || !engine.scheduler.clairvoyant()) {
            throw new UnsupportedOperationException("policy '" + (engine == null ? "?" : engine.scheduler.name())
                    + "' is not declared clairvoyant and may not read true output lengths");
        }
        return toGenerate;
    }

    CallRecord record(CallStatus status) {
        return new CallRecord(id, agentPid(), priority(), engine == null ? -1 : engine.id, call.promptTokens(),
                toGenerate, generated, status, submittedAt, firstAdmittedAt, firstTokenAt, completedAt, preemptions,
                swappedOutBytes, swappedInBytes, recomputedTokens, maxTbtNanos, prefixHitTokens);
    }

    @Override
    public String toString() {
        return "call " + id + " (agent " + agentPid() + ", " + state + ", " + generated + "/" + toGenerate + " tokens)";
    }
}
