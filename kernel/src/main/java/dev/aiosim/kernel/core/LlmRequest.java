package dev.aiosim.kernel.core;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.cache.KvAllocation;
import dev.aiosim.kernel.context.ContextSnapshot;
import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.scheduler.CallView;

/**
 * The kernel's state of one LLM call in flight: where it is in its life (queued, running, done),
 * its tokens and times, and its snapshot while preempted. Its KV is the engine's
 * {@link KvAllocation}. Policies see it only through {@link CallView}.
 */
public final class LlmRequest implements CallView {
    enum State { QUEUED, RUNNING, DONE }

    final long id;
    final AgentRun agent;
    final LlmCall call;
    private final int toGenerate;
    private final long submittedAt;
    private Engine engine;
    private KvAllocation kv;
    private State state = State.QUEUED;
    private long enqueuedAt;
    private long firstAdmittedAt = -1;
    private long admittedAt = -1;
    private long firstTokenAt = -1;
    private long lastTokenAt = -1;
    private long completedAt = -1;
    private int generated;
    private int tokensSinceAdmitted;
    private int preemptions;
    private ContextSnapshot snapshot;
    private long swappedOutBytes;
    private long swappedInBytes;
    private long recomputedTokens;
    private long maxTbtNanos;
    private long prefixHitTokens;
    /** Prefix-cache hit tokens of its current (or latest) admission. */
    private int admissionHitTokens;
    /** Tokens of its context it still has to prefill before it samples (chunked packings); 0 while it decodes. */
    private int prefillLeft;
    /** True when the step in flight gives it no token: a prefill chunk short of its end, or a decode the packing stalled. */
    private boolean waits;
    /** The agent's n-th LLM call (from 0), and its fan-out's id and size (-1 and 0 outside a fan-out). */
    private final int callIndex;
    private final long fanOutId;
    private final int fanOutSize;
    /** Time in a slot over its admissions so far, and time queued before them. */
    private long runNanos;
    private long queuedNanos;
    private long lostSwapBytes;
    /** Times it lost its KV or snapshot in an engine crash. */
    int losses;
    /** Position in the kernel's calls in flight; -1 when not in flight. */
    int inFlightIndex = -1;

    LlmRequest(long id, AgentRun agent, LlmCall call, long now) {
        this.id = id;
        this.agent = agent;
        this.call = call;
        this.toGenerate = call.tokensToGenerate();
        this.submittedAt = now;
        this.enqueuedAt = now;
        this.callIndex = agent.llmCalls - 1;
        this.fanOutId = agent.fanOutId();
        this.fanOutSize = agent.fanOutSize();
    }

    /** Prompt plus generated tokens. */
    int context() {
        return call.promptTokens() + generated;
    }

    /** KV tokens of its context when it has generated everything. */
    long peakTokens() {
        return (long) call.promptTokens() + toGenerate;
    }

    Engine engine() {
        return engine;
    }

    /** Its KV on its engine; null before it is dispatched. */
    KvAllocation kv() {
        return kv;
    }

    boolean running() {
        return state == State.RUNNING;
    }

    boolean queuedOn(Engine e) {
        return engine == e && state == State.QUEUED;
    }

    boolean runsOn(Engine e) {
        return engine == e && state == State.RUNNING;
    }

    boolean generatedAll() {
        return generated >= toGenerate;
    }

    /** Tokens of its context it still has to prefill before it samples; 0 when it decodes (always so with orca packing). */
    int prefillLeft() {
        return prefillLeft;
    }

    /** Admitted to prefill {@code tokens} tokens of its context (after its prefix hits) in chunks. */
    void startPrefill(int tokens) {
        prefillLeft = tokens;
    }

    /** A chunk of {@code tokens} of its prefill is scheduled in the step being planned. */
    void prefilled(int tokens) {
        prefillLeft -= tokens;
    }

    /** Whether the step being planned gives it a token at its end. */
    void waits(boolean waits) {
        this.waits = waits;
    }

    /** True when the step in flight gives it no token. */
    boolean waitsThisStep() {
        return waits;
    }

    /** The KV tokens its swap snapshot holds, or -1 when it holds none (it prefills when admitted). */
    int swappedKvTokens() {
        return snapshot != null && snapshot.mode() == PreemptionMode.SWAP ? snapshot.contextTokens() : -1;
    }

    // ---- its life ----------------------------------------------------------------------------

    /** Sent to {@code e}, where its KV will be kept. */
    void dispatch(Engine e) {
        engine = e;
        kv = e.kv.track(this, call.prefix(), call.promptTokens());
    }

    /** Admitted into its engine's batch at {@code now}. */
    void admitted(long now) {
        state = State.RUNNING;
        queuedNanos += now - enqueuedAt;
        admittedAt = now;
        if (firstAdmittedAt < 0) {
            firstAdmittedAt = now;
        }
        tokensSinceAdmitted = 0;
    }

    /**
     * One more output token at {@code now}.
     *
     * @return the time since its previous token, or -1 for its first
     */
    long tokenGenerated(long now) {
        generated++;
        tokensSinceAdmitted++;
        long gap = -1;
        if (firstTokenAt < 0) {
            firstTokenAt = now;
        } else {
            gap = now - lastTokenAt;
            if (gap > maxTbtNanos) {
                maxTbtNanos = gap;
            }
        }
        lastTokenAt = now;
        return gap;
    }

    /** Preempted at {@code now} with snapshot {@code s}: it waits again. */
    void preempted(ContextSnapshot s, long now) {
        snapshot = s;
        swappedOutBytes += s.bytes();
        preemptions++;
        runNanos += now - admittedAt;
        state = State.QUEUED;
        enqueuedAt = now;
        tokensSinceAdmitted = 0;
    }

    /** Its snapshot, which its admission now resumes, or null; it holds none afterwards. */
    ContextSnapshot resume() {
        admissionHitTokens = 0; // an admission begins: hits are looked up again (none for a swap resume)
        ContextSnapshot s = snapshot;
        snapshot = null;
        return s;
    }

    void swappedIn(long bytes) {
        swappedInBytes += bytes;
    }

    void recomputed(long tokens) {
        recomputedTokens += tokens;
    }

    void prefixHit(long tokens) {
        prefixHitTokens += tokens;
        admissionHitTokens = (int) tokens;
    }

    /**
     * Its engine crashed while it ran: its KV is gone (the engine freed it), and it waits again
     * with a recompute snapshot of what it had computed: its context, or, when it lost its KV
     * mid-prefill (chunked packings), the part of its prompt prefilled so far. Its prefill state
     * is reset: its next admission starts its prefill again (the tokens it generated were
     * already delivered).
     */
    void lostKv(long now) {
        int computed = context() - prefillLeft;
        state = State.QUEUED;
        enqueuedAt = now;
        tokensSinceAdmitted = 0;
        runNanos += now - admittedAt;
        prefillLeft = 0;
        waits = false;
        snapshot = new ContextSnapshot(id, computed, dev.aiosim.kernel.context.PreemptionMode.RECOMPUTE, 0, now);
        losses++;
    }

    /** Its swap snapshot died with its engine's host memory: its bytes are lost, it will recompute. */
    void lostSnapshot(long now) {
        ContextSnapshot s = snapshot;
        engine.context.discard(s);
        lostSwapBytes += s.bytes();
        snapshot = new ContextSnapshot(id, s.contextTokens(), dev.aiosim.kernel.context.PreemptionMode.RECOMPUTE, 0, now);
        losses++;
    }

    /** Its swap snapshot, or null. */
    ContextSnapshot swapSnapshot() {
        return snapshot != null && snapshot.mode() == dev.aiosim.kernel.context.PreemptionMode.SWAP ? snapshot : null;
    }

    /** Its snapshot, if it holds one, is given up (it will never resume). */
    void discardSnapshot() {
        if (snapshot != null) {
            engine.context.discard(snapshot);
            snapshot = null;
        }
    }

    /**
     * Swapped-in bytes equal swapped-out bytes of resumed snapshots; the snapshot it holds is still
     * out; snapshots lost in engine crashes never come back.
     */
    void checkSnapshotBalance() {
        long held = snapshot == null ? 0 : snapshot.bytes();
        if (swappedOutBytes - swappedInBytes - lostSwapBytes != held) {
            throw new InvariantViolation(this + ": swapped out " + swappedOutBytes + " B, in " + swappedInBytes
                    + " B, lost " + lostSwapBytes + " B, still held " + held + " B");
        }
    }

    /** Generated its last token at {@code now}: done, its agent's waiting and service counted. */
    void complete(long now) {
        state = State.DONE;
        completedAt = now;
        checkSnapshotBalance();
        agent.waitingNanos += firstAdmittedAt - submittedAt;
        agent.serviceTokens += call.promptTokens() + generated;
        runNanos += now - admittedAt;
        agent.served(runNanos, queuedNanos, fanOutId >= 0);
    }

    /** Moved to engine {@code e} after its engine crashed: its KV will be kept there. */
    void redispatch(Engine e) {
        dispatch(e);
    }

    /** Ends without completing (rejected, cancelled or failed); returns its record. */
    CallRecord drop(CallStatus status) {
        state = State.DONE;
        return record(status);
    }

    /** The result its agent gets when it completed at {@code now}. */
    SyscallResult result(long now) {
        return new SyscallResult(call, submittedAt, now, SyscallResult.Status.COMPLETED, generated);
    }

    // ---- views ------------------------------------------------------------------------------

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
    @Override public long agentServiceNanos() { return agent.serviceNanos; }
    @Override public long agentServiceTokens() { return agent.serviceTokens; }
    @Override public long agentQueuedNanos() { return agent.queuedNanos; }
    @Override public long agentCriticalPathNanos() { return agent.criticalPathNanos; }
    @Override public int callIndex() { return callIndex; }
    @Override public long fanOutId() { return fanOutId; }
    @Override public int fanOutSize() { return fanOutSize; }
    @Override public dev.aiosim.kernel.process.Prefix prefix() { return call.prefix(); }
    @Override public int cachedPrefixTokens() { return admissionHitTokens; }

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
