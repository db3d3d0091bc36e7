package dev.aiosim.kernel.core;

import dev.aiosim.kernel.cache.BlockTable;
import dev.aiosim.kernel.cluster.Dispatcher;
import dev.aiosim.kernel.context.ContextSnapshot;
import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.context.SnapshotCounters;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.resource.Resource;
import dev.aiosim.kernel.time.Timer;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.SchedulerContractException;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The single-threaded kernel state machine (DESIGN.md §1, §4). It receives agent arrivals,
 * syscalls and engine step ends; asks each engine's policy for decisions at step boundaries;
 * enforces slot and KV limits; takes and restores context snapshots; and records metrics.
 * It never reads a clock: time comes in with every call, and wake-ups go out through a
 * {@link Timer}, so the same code runs under the discrete-event loop and a live runtime.
 */
public final class Kernel {
    private final Timer timer;
    private final StepExecutor steps;
    private final RunMetrics metrics;
    private final Engine[] engines;
    private final Dispatcher dispatcher;
    private final Resource<OtherCall> tools;
    private final Resource<OtherCall> memory;
    private final Resource<OtherCall> storage;
    private final long maxCallTokens;
    private final Decision decision = new Decision();
    private final ArrayList<LlmRequest> inFlight = new ArrayList<>();
    private final ArrayList<AgentRun> alive = new ArrayList<>();
    private final ArrayList<LlmRequest> finishedScratch = new ArrayList<>();
    private long nextCallId;

    public Kernel(KernelConfig config, SchedulerFactory schedulers, RunMetrics metrics, Timer timer) {
        this(config, schedulers, metrics, timer, null);
    }

    /**
     * @param steps how engine steps are carried out (live engines); {@code null} for simulated
     *     time, where a step is a timer wake-up at its end
     */
    public Kernel(KernelConfig config, SchedulerFactory schedulers, RunMetrics metrics, Timer timer, StepExecutor steps) {
        this.timer = timer;
        this.steps = steps != null ? steps : (engine, now, nanos, end) -> timer.at(now + nanos, end);
        this.metrics = metrics;
        this.engines = new Engine[config.engines().size()];
        long max = Long.MAX_VALUE;
        for (int i = 0; i < engines.length; i++) {
            EngineConfig ec = config.engines().get(i);
            engines[i] = new Engine(i, ec, schedulers.create(i), this, metrics.addEngine(i));
            max = Math.min(max, ec.kvCapacityTokens());
        }
        this.maxCallTokens = max;
        this.dispatcher = Dispatcher.named(config.dispatcher());
        this.tools = new Resource<>("tool", config.toolConcurrency(), timer, this::otherDone);
        this.memory = new Resource<>("memory", config.memoryConcurrency(), timer, this::otherDone);
        this.storage = new Resource<>("storage", config.storageConcurrency(), timer, this::otherDone);
    }

    public List<Engine> engines() {
        return List.of(engines);
    }

    /** Calls queued or running right now. */
    public int llmInFlight() {
        return inFlight.size();
    }

    /** Agents that arrived and have not finished. */
    public int agentsAlive() {
        return alive.size();
    }

    // ---- agents -----------------------------------------------------------------------------

    /** An agent process starts: its program issues its first syscall. */
    public void arrive(AgentProcess process, long now) {
        AgentRun agent = new AgentRun(process, now);
        metrics.onAgentArrived();
        agent.aliveIndex = alive.size();
        alive.add(agent);
        advance(agent, null, now);
    }

    private void advance(AgentRun agent, SyscallResult previous, long now) {
        if (agent.results != null) { // attached (live) agent: its thread decides what comes next
            agent.results.accept(previous);
            return;
        }
        Syscall next = agent.process.program().next(previous);
        if (next == null) {
            removeAlive(agent);
            metrics.agent(agent.record(now));
            return;
        }
        submit(agent, next, now);
    }

    private void submit(AgentRun agent, Syscall syscall, long now) {
        switch (syscall) {
            case LlmCall c -> submitLlm(agent, c, now);
            case ToolCall t -> submitOther(agent, syscall, t.latencyNanos(), tools, now);
            case MemoryCall m -> submitOther(agent, syscall, m.latencyNanos(), memory, now);
            case StorageCall s -> submitOther(agent, syscall, s.latencyNanos(), storage, now);
            case FanOut f -> submitFanOut(agent, f, now);
        }
    }

    /** Every child at this instant; the program hears back once, when the last child ends. */
    private void submitFanOut(AgentRun agent, FanOut f, long now) {
        agent.beginFanOut(f, now);
        List<Syscall> children = f.calls();
        for (int i = 0, n = children.size(); i < n; i++) {
            submit(agent, children.get(i), now);
        }
    }

    /** A syscall of {@code agent} ended: a fan-out child is joined, anything else goes to the program. */
    private void ended(AgentRun agent, SyscallResult result, long now) {
        if (agent.inFanOut()) {
            SyscallResult joined = agent.childEnded(result, now);
            if (joined != null) {
                advance(agent, joined, now);
            }
        } else {
            advance(agent, result, now);
        }
    }

    private void submitLlm(AgentRun agent, LlmCall call, long now) {
        agent.llmCalls++;
        metrics.onLlmSubmitted(call.promptTokens());
        LlmRequest r = new LlmRequest(nextCallId++, agent, call, now);
        if ((long) call.promptTokens() + r.toGenerate > maxCallTokens) {
            // can never fit: refuse loudly in the records instead of preempting it forever
            r.state = LlmRequest.State.DONE;
            metrics.call(r.record(CallStatus.REJECTED));
            ended(agent, new SyscallResult(call, now, now, SyscallResult.Status.REJECTED, 0), now);
            return;
        }
        Engine e = engines[engines.length == 1 ? 0 : dispatcher.pick(engines.length, i -> engines[i].load())];
        r.engine = e;
        if (e.cache != null && call.prefix() != null) {
            r.blocks = new BlockTable(call.prefix(), call.promptTokens());
        }
        r.inFlightIndex = inFlight.size();
        inFlight.add(r);
        e.scheduler.enqueue(r, now);
        if (!e.stepInFlight) {
            requestStep(e);
        }
    }

    /** A tool, memory or storage call in its resource. */
    private static final class OtherCall implements Resource.Request {
        final AgentRun agent;
        final Syscall call;
        final long latency;
        final long submittedAt;
        final Resource<OtherCall> resource;

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

    private void submitOther(AgentRun agent, Syscall call, long latency, Resource<OtherCall> resource, long now) {
        agent.otherCalls++;
        metrics.onOtherSubmitted();
        resource.submit(new OtherCall(agent, call, latency, now, resource), now);
    }

    private void otherDone(OtherCall c, long now) {
        metrics.onOtherCompleted();
        if (c.agent.cancelled) {
            return; // the resource served it, but its agent gave up: nobody takes the result
        }
        ended(c.agent, new SyscallResult(c.call, c.submittedAt, now, SyscallResult.Status.COMPLETED, 0), now);
    }

    // ---- agents driven from outside the kernel (live mode) ---------------------------------------

    /**
     * An agent whose syscalls come from outside (a live agent's thread, through the live runtime's
     * inbox) arrives. Its program is never pulled: the runtime {@link #issue}s each syscall, and
     * the kernel hands each result to {@code results} on the kernel thread; {@link #exit} ends it.
     *
     * @return the kernel's handle for the agent
     */
    public AgentRun attach(AgentProcess process, Consumer<SyscallResult> results, long now) {
        AgentRun agent = new AgentRun(process, now);
        agent.results = results;
        metrics.onAgentArrived();
        agent.aliveIndex = alive.size();
        alive.add(agent);
        return agent;
    }

    /** An attached agent issues its next syscall; its previous one must have been answered. */
    public void issue(AgentRun agent, Syscall syscall, long now) {
        if (agent.results == null || agent.aliveIndex < 0) {
            throw new IllegalStateException("agent " + agent.process.pid() + " is not attached and alive");
        }
        submit(agent, syscall, now);
    }

    /** An attached agent finished its work: its row is recorded as finished at {@code now}. */
    public void exit(AgentRun agent, long now) {
        if (agent.aliveIndex < 0) {
            return; // cancelled before
        }
        removeAlive(agent);
        metrics.agent(agent.record(now));
    }

    /**
     * An attached agent gives up (its thread was interrupted): its LLM call in flight, queued or
     * running, is recorded as {@link CallStatus#CANCELLED} and its slot, KV and snapshot are freed;
     * a tool, memory or storage call keeps its place until its latency passes, and its result is
     * dropped. The agent is recorded as unfinished. Cancelling an ended agent does nothing.
     */
    public void cancel(AgentRun agent, long now) {
        if (agent.aliveIndex < 0) {
            return;
        }
        agent.cancelled = true;
        for (int i = inFlight.size() - 1; i >= 0; i--) {
            LlmRequest r = inFlight.get(i);
            if (r.agent == agent) {
                cancelLlm(r, now);
            }
        }
        removeAlive(agent);
        metrics.agent(agent.record(-1));
    }

    private void cancelLlm(LlmRequest r, long now) {
        Engine e = r.engine;
        if (r.state == LlmRequest.State.RUNNING) {
            e.running.remove(r);
            e.kvUsed -= r.privateTokens();
            if (r.blocks != null) {
                r.blocks.releaseAll(e.cache); // shared blocks stay cached for others
            }
            e.scheduler.completed(r, now);
        } else if (!e.scheduler.remove(r, now)) {
            throw new SchedulerContractException(e.scheduler.name(), e.id, "cannot remove queued " + r
                    + ": cancelling calls needs Scheduler.remove");
        }
        if (r.snapshot != null) {
            e.context.discard(r.snapshot);
            r.snapshot = null;
        }
        removeInFlight(r);
        r.state = LlmRequest.State.DONE;
        metrics.call(r.record(CallStatus.CANCELLED));
        requestStep(e); // the freed slot and KV may admit others
    }

    // ---- engines ----------------------------------------------------------------------------

    /** Asks for a scheduling round on {@code e} at the end of this instant (at most one pending). */
    private void requestStep(Engine e) {
        if (!e.wakePending) {
            e.wakePending = true;
            timer.endOfInstant(e.wake);
        }
    }

    void onWake(Engine e, long now) {
        e.wakePending = false;
        if (!e.stepInFlight) {
            scheduleStep(e, now);
        }
    }

    void onStepEnd(Engine e, long now) {
        e.stepInFlight = false;
        ArrayList<LlmRequest> running = e.running;
        ArrayList<LlmRequest> finished = finishedScratch;
        finished.clear();
        int kept = 0;
        for (int i = 0, n = running.size(); i < n; i++) {
            LlmRequest r = running.get(i);
            r.generated++;
            r.tokensSinceAdmitted++;
            e.kvUsed++;
            if (r.blocks != null) {
                e.kvUsed -= r.blocks.grow(e.cache, r.context()); // a session names its newly full blocks
            }
            if (r.firstTokenAt < 0) {
                r.firstTokenAt = now;
            } else {
                long gap = now - r.lastTokenAt;
                metrics.tokenGap(gap);
                if (gap > r.maxTbtNanos) {
                    r.maxTbtNanos = gap;
                }
            }
            r.lastTokenAt = now;
            if (r.generated >= r.toGenerate) {
                finished.add(r);
            } else {
                running.set(kept++, r);
            }
        }
        for (int i = running.size() - 1; i >= kept; i--) {
            running.remove(i);
        }
        for (int i = 0, n = finished.size(); i < n; i++) {
            LlmRequest r = finished.get(i);
            e.kvUsed -= r.privateTokens();
            if (r.blocks != null) {
                r.blocks.releaseAll(e.cache); // its blocks stay cached until the room is needed
            }
            r.state = LlmRequest.State.DONE;
            r.completedAt = now;
            removeInFlight(r);
            e.scheduler.completed(r, now);
            checkSnapshotBalance(r, 0);
            AgentRun agent = r.agent;
            agent.waitingNanos += r.firstAdmittedAt - r.submittedAt;
            agent.serviceTokens += r.promptTokens() + r.generated;
            metrics.call(r.record(CallStatus.COMPLETED));
        }
        // copy: advancing agents may run other engines' code, but never re-enter this loop
        if (!finished.isEmpty()) {
            LlmRequest[] done = finished.toArray(new LlmRequest[0]);
            for (LlmRequest r : done) {
                ended(r.agent, new SyscallResult(r.call, r.submittedAt, now, SyscallResult.Status.COMPLETED,
                        r.generated), now);
            }
        }
        requestStep(e);
    }

    private void scheduleStep(Engine e, long now) {
        if (e.running.isEmpty() && e.scheduler.queued() == 0) {
            return; // idle until a call arrives
        }
        // 1. the next step adds one token per running call: make room by evicting unreferenced
        //    cached blocks, then by preempting victims
        while (e.kvUsed + e.running.size() > e.config.kvCapacityTokens()) {
            if (e.evictOne()) {
                continue; // unreferenced cached blocks go before any running call
            }
            CallView v = e.scheduler.victim(e, now);
            LlmRequest victim = runningOn(e, v, "chose as KV victim");
            preempt(e, victim, now);
        }
        // 2. ask the policy
        StepTally t = applyDecision(e, now);
        if (e.running.isEmpty() && e.cache != null && e.scheduler.queued() > 0) {
            // the blocks of calls it just preempted were not counted free before they were released
            t = applyDecision(e, now);
        }
        if (e.running.isEmpty()) {
            if (e.pendingSwapBytes > 0 || e.scheduler.queued() > 0) {
                throw new SchedulerContractException(e.scheduler.name(), e.id, "left the engine idle with "
                        + e.scheduler.queued() + " calls queued");
            }
            return;
        }
        checkEngine(e);
        // 3. the step: prefills of new or recomputed contexts, one decode token for the rest
        long nanos = e.config.costModel().stepNanos(new StepShape(t.prefillTokens, t.prefillPairs, t.decodeTokens, t.decodeContext));
        if (e.pendingSwapBytes > 0) {
            nanos += (long) Math.ceil(e.pendingSwapBytes / e.config.pcieBytesPerSec() * 1e9);
            e.pendingSwapBytes = 0;
        }
        metrics.step(nanos, e.running.size(), e.kvUsed);
        e.stats.step(nanos, t.prefillTokens);
        e.stepInFlight = true;
        steps.start(e.id, now, nanos, e.stepEnd);
    }

    /** Asks the policy for a decision on {@code e}, checks it and carries it out; returns what the step computes. */
    private StepTally applyDecision(Engine e, long now) {
        decision.reset(e);
        e.scheduler.decide(e, now, decision);
        List<CallView> preempt = decision.preemptions();
        List<CallView> admit = decision.admissions();
        for (int i = 0; i < admit.size(); i++) {
            CallView c = admit.get(i);
            if (!(c instanceof LlmRequest r) || r.engine != e || r.state != LlmRequest.State.QUEUED) {
                throw new SchedulerContractException(e.scheduler.name(), e.id, "admitted " + c + " which is not queued on this engine");
            }
            for (int j = 0; j < i; j++) {
                if (admit.get(j) == c) {
                    throw new SchedulerContractException(e.scheduler.name(), e.id, "admitted " + c + " twice");
                }
            }
        }
        for (int i = 0; i < preempt.size(); i++) {
            LlmRequest r = runningOn(e, preempt.get(i), "preempted");
            preempt(e, r, now);
        }
        StepTally t = tally;
        t.prefillTokens = 0;
        t.prefillPairs = 0;
        t.decodeTokens = e.running.size();
        t.decodeContext = e.cache == null ? e.kvUsed : runningContext(e);
        for (int i = 0; i < admit.size(); i++) {
            LlmRequest r = (LlmRequest) admit.get(i);
            if (e.running.size() >= e.config.slots()) {
                throw new SchedulerContractException(e.scheduler.name(), e.id, "admitted " + admit.size()
                        + " calls with " + e.running.size() + " of " + e.config.slots() + " slots already taken");
            }
            long need = e.kvNeeded(r);
            if (need > e.freeKvTokens()) {
                throw new SchedulerContractException(e.scheduler.name(), e.id, "admitted " + r + " needing " + need
                        + " KV tokens with only " + e.freeKvTokens() + " free");
            }
            if (r.blocks != null) {
                admitWithPrefix(e, r, t);
            } else {
                admitWhole(e, r, t);
            }
            r.state = LlmRequest.State.RUNNING;
            r.admittedAt = now;
            if (r.firstAdmittedAt < 0) {
                r.firstAdmittedAt = now;
            }
            r.tokensSinceAdmitted = 0;
            e.running.add(r);
        }
        return t;
    }

    private LlmRequest runningOn(Engine e, CallView v, String what) {
        if (!(v instanceof LlmRequest r) || r.engine != e || r.state != LlmRequest.State.RUNNING) {
            throw new SchedulerContractException(e.scheduler.name(), e.id, what + " " + v + " which is not running on this engine");
        }
        return r;
    }

    private void preempt(Engine e, LlmRequest r, long now) {
        e.running.remove(r);
        int context = r.promptTokens() + r.generated;
        long own = r.privateTokens();
        e.kvUsed -= own;
        if (r.blocks != null) {
            r.blocks.releaseAll(e.cache); // shared blocks are not swapped; they may be evicted while it waits
        }
        e.stats.preempted();
        ContextSnapshot s = e.context.take(r.id, context, own, now);
        r.snapshot = s;
        r.swappedOutBytes += s.bytes();
        e.pendingSwapBytes += s.bytes();
        r.preemptions++;
        r.state = LlmRequest.State.QUEUED;
        r.enqueuedAt = now;
        r.tokensSinceAdmitted = 0;
        e.scheduler.requeue(r, now);
    }

    /** Admits a call whose whole context is its own KV: a fresh prefill, a swap-in or a recompute. */
    private void admitWhole(Engine e, LlmRequest r, StepTally t) {
        int context = r.context();
        if (e.cache != null) {
            e.makeRoom(context + 1L); // a call without prefix still evicts unreferenced blocks
        }
        if (r.snapshot == null) {
            t.prefillTokens += context;
            t.prefillPairs += (long) context * (context + 1) / 2;
        } else {
            ContextSnapshot s = r.snapshot;
            long bytes = e.context.restore(s);
            if (s.mode() == PreemptionMode.SWAP) {
                r.swappedInBytes += bytes;
                e.pendingSwapBytes += bytes;
                t.decodeTokens++;
                t.decodeContext += context;
            } else {
                r.recomputedTokens += s.contextTokens();
                t.prefillTokens += context;
                t.prefillPairs += (long) context * (context + 1) / 2;
            }
            r.snapshot = null;
        }
        e.kvUsed += context;
    }

    /** What the step being planned computes; reused. */
    private static final class StepTally {
        long prefillTokens;
        long prefillPairs;
        int decodeTokens;
        long decodeContext;
    }

    private final StepTally tally = new StepTally();

    /** Context tokens the running calls attend over (shared blocks count once per call). */
    private static long runningContext(Engine e) {
        long c = 0;
        for (int i = 0, n = e.running.size(); i < n; i++) {
            c += e.running.get(i).context();
        }
        return c;
    }

    /**
     * Admits a call with a prefix on an engine with a prefix cache. A fresh call or a recompute
     * resume looks its cacheable blocks up: the leading resident ones are hits and skip prefill
     * (at least one token is prefilled, for the logits); the rest of the context is prefilled, and
     * its missing cacheable blocks are stored as new cached blocks referenced by the call. A swap
     * resume swaps its private KV back in, references its blocks again and recomputes (prefills)
     * those evicted while it waited, counted as recomputed tokens; it decodes in the same step.
     * Room is made by evicting unreferenced blocks only after the call's resident blocks are
     * referenced, so a call never evicts its own prefix.
     */
    private void admitWithPrefix(Engine e, LlmRequest r, StepTally t) {
        int context = r.context();
        BlockTable table = r.blocks;
        ContextSnapshot s = r.snapshot;
        boolean swapResume = s != null && s.mode() == PreemptionMode.SWAP;
        BlockTable.Admission a = table.admit(e.cache, context, !swapResume);
        long blockTokens = table.blockTokens();
        long missing = a.missingBlocks() * blockTokens;
        long own = context - a.residentBlocks() * blockTokens - missing;
        e.makeRoom(own + missing + 1);
        long dup = table.insertMissing(e.cache);
        e.kvUsed += own + missing - dup;
        if (e.kvUsed + e.running.size() + 1 > e.config.kvCapacityTokens()) {
            throw new InvariantViolation("engine " + e.id + " over-committed KV admitting " + r + ": " + e.kvUsed
                    + " used + " + (e.running.size() + 1) + " next tokens > " + e.config.kvCapacityTokens()
                    + " with " + e.cache.evictableTokens() + " evictable");
        }
        if (swapResume) {
            long bytes = e.context.restore(s, missing);
            r.swappedInBytes += bytes;
            e.pendingSwapBytes += bytes;
            r.recomputedTokens += missing;
            t.prefillTokens += missing;
            t.prefillPairs += a.missingPrefillPairs();
            t.decodeTokens++;
            t.decodeContext += context;
        } else {
            long hit = a.hitBlocks() * blockTokens;
            long prefill = Math.max(1, context - hit);
            int cacheable = table.cacheableBlocks(context);
            e.stats.lookup(cacheable, cacheable * blockTokens, hit, context - prefill);
            r.prefixHitTokens += hit;
            if (s != null) {
                e.context.restore(s, prefill);
                r.recomputedTokens += prefill;
            }
            t.prefillTokens += prefill;
            t.prefillPairs += prefill * context - prefill * (prefill - 1) / 2;
        }
        r.snapshot = null;
    }

    // ---- invariants ---------------------------------------------------------------------------

    private static void checkEngine(Engine e) {
        if (e.running.size() > e.config.slots()) {
            throw new InvariantViolation("engine " + e.id + " runs " + e.running.size() + " calls in " + e.config.slots() + " slots");
        }
        if (e.kvUsed + e.running.size() > e.config.kvCapacityTokens() || e.kvUsed < 0) {
            throw new InvariantViolation("engine " + e.id + " KV " + e.kvUsed + " + " + e.running.size()
                    + " next tokens exceeds capacity " + e.config.kvCapacityTokens());
        }
        if (e.context.hostUsedBytes() > e.context.hostSwapBytes() || e.context.hostUsedBytes() < 0) {
            throw new InvariantViolation("engine " + e.id + " host swap " + e.context.hostUsedBytes() + " of " + e.context.hostSwapBytes());
        }
        if (e.cache != null) {
            CacheAudit.check(e);
        }
    }

    /** Swapped-in bytes equal swapped-out bytes of resumed snapshots; {@code held} is still out. */
    private static void checkSnapshotBalance(LlmRequest r, long held) {
        if (r.swappedOutBytes - r.swappedInBytes != held) {
            throw new InvariantViolation(r + ": swapped out " + r.swappedOutBytes + " B, in " + r.swappedInBytes
                    + " B, still held " + held + " B");
        }
    }

    // ---- end of run -------------------------------------------------------------------------------

    /**
     * Ends the run at {@code now}: calls still queued or running are recorded as unfinished (by
     * id), agents still alive as unfinished (by pid), and the end-of-run invariants are checked.
     */
    public void finish(long now) {
        inFlight.sort(Comparator.comparingLong(r -> r.id));
        for (LlmRequest r : inFlight) {
            long held = r.snapshot == null ? 0 : r.snapshot.bytes();
            checkSnapshotBalance(r, held);
            if (r.snapshot != null) {
                r.engine.context.discard(r.snapshot);
            }
            metrics.call(r.record(CallStatus.UNFINISHED));
        }
        inFlight.clear();
        alive.sort(Comparator.comparingLong(a -> a.process.pid()));
        for (AgentRun a : alive) {
            metrics.agent(a.record(-1));
        }
        alive.clear();
        for (Engine e : engines) {
            if (e.context.hostUsedBytes() != 0) {
                throw new InvariantViolation("engine " + e.id + " still holds " + e.context.hostUsedBytes()
                        + " B of host swap after every snapshot was resumed or discarded");
            }
        }
        if (metrics.llmSubmitted() != metrics.llmCompleted() + metrics.llmUnfinished() + metrics.llmRejected()
                + metrics.llmCancelled()) {
            throw new InvariantViolation("submitted " + metrics.llmSubmitted() + " LLM calls but completed "
                    + metrics.llmCompleted() + " + unfinished " + metrics.llmUnfinished() + " + rejected " + metrics.llmRejected()
                    + " + cancelled " + metrics.llmCancelled());
        }
        if (metrics.outputTokensServed() != metrics.outputTokensAsked()) {
            throw new InvariantViolation("served " + metrics.outputTokensServed() + " output tokens for completed calls that asked for "
                    + metrics.outputTokensAsked());
        }
    }

    /** Context-manager counters of every engine. */
    public SnapshotCounters[] snapshotCounters() {
        SnapshotCounters[] c = new SnapshotCounters[engines.length];
        for (int i = 0; i < engines.length; i++) {
            c[i] = engines[i].context.counters();
        }
        return c;
    }

    /** Total KV capacity of the cluster in tokens. */
    public long kvCapacityTokens() {
        long t = 0;
        for (Engine e : engines) {
            t += e.config.kvCapacityTokens();
        }
        return t;
    }

    private void removeInFlight(LlmRequest r) {
        int i = r.inFlightIndex;
        LlmRequest last = inFlight.remove(inFlight.size() - 1);
        if (last != r) {
            inFlight.set(i, last);
            last.inFlightIndex = i;
        }
        r.inFlightIndex = -1;
    }

    private void removeAlive(AgentRun a) {
        int i = a.aliveIndex;
        AgentRun last = alive.remove(alive.size() - 1);
        if (last != a) {
            alive.set(i, last);
            last.aliveIndex = i;
        }
        a.aliveIndex = -1;
    }
}
