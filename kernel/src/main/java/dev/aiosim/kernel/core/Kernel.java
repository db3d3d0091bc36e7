package dev.aiosim.kernel.core;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.audit.AuditEvent;
import dev.aiosim.kernel.audit.AuditSink;
import dev.aiosim.kernel.fault.FaultInjector;
import dev.aiosim.kernel.fault.FaultPlan;
import dev.aiosim.kernel.cluster.Dispatcher;
import dev.aiosim.kernel.context.SnapshotCounters;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.memory.ContextWindow;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.PageOut;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.resource.Resource;
import dev.aiosim.kernel.services.OsServices;
import dev.aiosim.kernel.services.ServiceOutcome;
import dev.aiosim.kernel.time.Timer;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
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
 * syscalls and engine step ends; asks each engine's policy for decisions at step boundaries and
 * checks them against the slot and KV limits; has each {@link Engine} carry them out (its KV in
 * its {@link dev.aiosim.kernel.cache.KvManager}); and records metrics.
 * It never reads a clock: time comes in with every call, and wake-ups go out through a
 * {@link Timer}, so the same code runs under the discrete-event loop and a live runtime.
 */
public final class Kernel {
    private final Timer timer;
    private final StepExecutor steps;
    final RunMetrics metrics;
    final Engine[] engines;
    private final Dispatcher dispatcher;
    AuditSink audit = AuditSink.OFF;
    private FaultInjector faults;
    private final Resource<OtherCall> tools;
    private final Resource<OtherCall> memory;
    private final Resource<OtherCall> storage;
    private final OsServices services;
    private final long maxCallTokens;
    private final Decision decision = new Decision();
    final Roster<LlmRequest> inFlight = new Roster<>(r -> r.inFlightIndex, (r, i) -> r.inFlightIndex = i);
    private final Roster<AgentRun> alive = new Roster<>(a -> a.aliveIndex, (a, i) -> a.aliveIndex = i);
    private final ArrayList<LlmRequest> finishedScratch = new ArrayList<>();
    private final StepTally tally = new StepTally();
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
        this.steps = steps != null ? steps : (engine, now, nanos, end) -> timer.at(VirtualTimeOverflow.add(now, nanos, "the end of an engine step"), end);
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
        this.steps.bind(List.of(engines));
        this.services = new OsServices(config.os(), metrics.services());
    }

    /** The memory, storage, access and context-window services of this kernel. */
    public OsServices services() {
        return services;
    }

    /** Sends the audit trail to {@code sink} (default: off); call before the run starts. */
    public void audit(AuditSink sink) {
        this.audit = sink;
    }

    /**
     * Injects the faults of {@code plan}, drawn from {@code seed}; call once, at time 0, before the
     * run starts. Crashes are carried out by {@link CrashRecovery}.
     */
    public void injectFaults(FaultPlan plan, long seed) {
        if (faults != null) {
            throw new IllegalStateException("faults are already injected");
        }
        faults = new FaultInjector(plan, seed, timer, new CrashRecovery(this, plan));
        faults.start();
    }

    void audit(long now, AuditEvent event, LlmRequest r, String detail) {
        audit.record(now, event, r.agentPid(), r.id, r.engine() == null ? -1 : r.engine().id, detail);
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
        advance(enroll(process, null, now), null, now);
    }

    private AgentRun enroll(AgentProcess process, Consumer<SyscallResult> results, long now) {
        AgentRun agent = new AgentRun(process, now);
        agent.results = results;
        services.enroll(process);
        agent.reportServices = services.reported();
        metrics.onAgentArrived();
        alive.add(agent);
        if (audit.on()) {
            audit.record(now, AuditEvent.ARRIVED, process.pid(), -1, -1, process.name());
        }
        return agent;
    }

    private void advance(AgentRun agent, SyscallResult previous, long now) {
        if (agent.results != null) { // attached (live) agent: its thread decides what comes next
            agent.results.accept(previous);
            return;
        }
        Syscall next = agent.process.program().next(previous);
        if (next == null) {
            alive.remove(agent);
            metrics.agent(agent.record(now));
            if (audit.on()) {
                audit.record(now, AuditEvent.EXITED, agent.pid(), -1, -1, null);
            }
            return;
        }
        submit(agent, next, now);
    }

    private void submit(AgentRun agent, Syscall syscall, long now) {
        if (audit.on()) {
            audit.record(now, AuditEvent.SYSCALL, agent.pid(), -1, -1, syscall.getClass().getSimpleName());
        }
        switch (syscall) {
            case LlmCall c -> submitFitted(agent, c, now);
            case ToolCall t -> submitOther(agent, syscall, tools, now);
            case MemoryCall m -> submitOther(agent, syscall, memory, now);
            case StorageCall s -> submitOther(agent, syscall, storage, now);
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
    void ended(AgentRun agent, SyscallResult result, long now) {
        if (agent.inFanOut()) {
            SyscallResult joined = agent.childEnded(result, now);
            if (joined != null) {
                advance(agent, joined, now);
            }
        } else if (agent.paging != null) {
            Syscall next = agent.paging.next(result);
            if (next != null) {
                submit(agent, next, now);
            } else {
                SyscallResult r = agent.paging.result(result);
                agent.paging = null;
                advance(agent, r, now);
            }
        } else {
            advance(agent, result, now);
        }
    }

    /**
     * An LLM call meets the model's context window first (MemGPT): one that fits goes on; one that
     * does not is paged out as its program says (a fan-out child can only be truncated), or
     * rejected with the reason counted.
     */
    private void submitFitted(AgentRun agent, LlmCall call, long now) {
        PageOut mode = agent.process.program().pageOut();
        if (agent.inFanOut() && mode.mode() == PageOut.Mode.SUMMARISE) {
            mode = new PageOut(PageOut.Mode.TRUNCATE, 1);
        }
        ContextWindow.Fit fit = services.fit(call, mode);
        switch (fit) {
            case null -> submitLlm(agent, call, now);
            case ContextWindow.TooLong x -> {
                metrics.services().onContextRejected();
                agent.llmCalls++;
                metrics.onLlmSubmitted(call.promptTokens());
                reject(agent, new LlmRequest(nextCallId++, agent, call, now), now, "over the model's context window");
            }
            case ContextWindow.Truncated t -> {
                agent.pageOuts++;
                metrics.services().onTruncated(t.droppedTokens());
                if (!agent.inFanOut()) {
                    agent.paging = new PageChain(call, now, List.of());
                }
                submitLlm(agent, t.call(), now);
            }
            case ContextWindow.Summarised s -> {
                agent.pageOuts++;
                metrics.services().onSummarised();
                agent.paging = new PageChain(call, now, List.of(s.save(), s.call()));
                submitLlm(agent, s.summary(), now);
            }
        }
    }

    private void submitLlm(AgentRun agent, LlmCall call, long now) {
        agent.llmCalls++;
        metrics.onLlmSubmitted(call.promptTokens());
        LlmRequest r = new LlmRequest(nextCallId++, agent, call, now);
        if (r.peakTokens() > maxCallTokens) {
            // can never fit: refuse loudly in the records instead of preempting it forever
            reject(agent, r, now, "needs " + r.peakTokens() + " KV tokens, engines hold " + maxCallTokens);
            return;
        }
        Engine e = pickEngine();
        r.dispatch(e);
        inFlight.add(r);
        e.scheduler.enqueue(r, now);
        if (!e.stepInFlight()) {
            requestStep(e);
        }
    }

    private void reject(AgentRun agent, LlmRequest r, long now, String why) {
        metrics.call(r.drop(CallStatus.REJECTED));
        if (audit.on()) {
            audit(now, AuditEvent.REJECTED, r, why);
        }
        ended(agent, new SyscallResult(r.call, now, now, SyscallResult.Status.REJECTED, 0), now);
    }

    /** The dispatcher's choice; under fault injection the next engine that is up when it chose one that is down. */
    Engine pickEngine() {
        int i = engines.length == 1 ? 0 : dispatcher.pick(engines.length, j -> engines[j].load());
        if (faults != null) {
            for (int k = 0; k < engines.length && engines[(i + k) % engines.length].down(); k++) {
                if (!engines[(i + k + 1) % engines.length].down()) {
                    return engines[(i + k + 1) % engines.length];
                }
            }
        }
        return engines[i];
    }

    /** A tool, memory or storage call: the services check and cost it, its resource serves it; a denied one ends at once. */
    private void submitOther(AgentRun agent, Syscall call, Resource<OtherCall> resource, long now) {
        agent.otherCalls++;
        metrics.onOtherSubmitted();
        ServiceOutcome o = services.serve(agent.process, call);
        if (o.denied()) {
            agent.denied++;
            if (audit.on()) {
                audit.record(now, AuditEvent.DENIED, agent.pid(), -1, -1, call.getClass().getSimpleName());
            }
            ended(agent, new SyscallResult(call, now, now, SyscallResult.Status.DENIED, 0), now);
            return;
        }
        if (o.memoryHit()) {
            agent.memoryHits++;
        } else if (o.memoryMiss()) {
            agent.memoryMisses++;
        }
        resource.submit(new OtherCall(agent, call, o.latencyNanos(), now, resource), now);
    }

    private void otherDone(OtherCall c, long now) {
        if (faults != null && c.call instanceof ToolCall && !c.agent.cancelled && faults.toolAttemptFails()) {
            toolAttemptFailed(c, now);
            return;
        }
        metrics.onOtherCompleted();
        if (audit.on()) {
            audit.record(now, AuditEvent.COMPLETED, c.agent.pid(), -1, -1, c.call.getClass().getSimpleName());
        }
        if (c.agent.cancelled) {
            return; // the resource served it, but its agent gave up: nobody takes the result
        }
        ended(c.agent, new SyscallResult(c.call, c.submittedAt, now, SyscallResult.Status.COMPLETED, 0), now);
    }

    /** A tool-call attempt failed: retried after its backoff, or failed for good after the last attempt. */
    private void toolAttemptFailed(OtherCall c, long now) {
        FaultPlan plan = faults.plan();
        var fc = metrics.faults();
        fc.toolAttemptsFailed++;
        c.failedAttempts++;
        if (c.failedAttempts < plan.toolMaxAttempts()) {
            fc.toolRetries++;
            if (audit.on()) {
                audit.record(now, AuditEvent.RETRIED, c.agent.pid(), -1, -1, "tool attempt " + c.failedAttempts + " failed");
            }
            long at = VirtualTimeOverflow.add(now, plan.backoffNanos(c.failedAttempts), "a tool-call retry");
            timer.at(at, t -> c.resource.submit(c, t));
            return;
        }
        fc.toolFailed++;
        metrics.onOtherCompleted();
        if (audit.on()) {
            audit.record(now, AuditEvent.FAILED, c.agent.pid(), -1, -1, "tool call failed " + c.failedAttempts + " attempts");
        }
        ended(c.agent, new SyscallResult(c.call, c.submittedAt, now, SyscallResult.Status.FAILED, 0), now);
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
        return enroll(process, results, now);
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
        alive.remove(agent);
        metrics.agent(agent.record(now));
        if (audit.on()) {
            audit.record(now, AuditEvent.EXITED, agent.pid(), -1, -1, null);
        }
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
        alive.remove(agent);
        metrics.agent(agent.record(-1));
    }

    private void cancelLlm(LlmRequest r, long now) {
        Engine e = r.engine();
        if (r.running()) {
            e.dropRunning(r);
            e.scheduler.completed(r, now);
        } else if (!e.scheduler.remove(r, now)) {
            throw broken(e, "cannot remove queued " + r + ": cancelling calls needs Scheduler.remove");
        }
        r.discardSnapshot();
        inFlight.remove(r);
        metrics.call(r.drop(CallStatus.CANCELLED));
        if (audit.on()) {
            audit(now, AuditEvent.CANCELLED, r, null);
        }
        requestStep(e); // the freed slot and KV may admit others
    }

    // ---- engines ----------------------------------------------------------------------------

    /** Asks for a scheduling round on {@code e} at the end of this instant (at most one pending). */
    void requestStep(Engine e) {
        if (e.requestWake()) {
            timer.endOfInstant(e.wake);
        }
    }

    void onWake(Engine e, long now) {
        if (e.woke()) {
            scheduleStep(e, now);
        }
    }

    void onStepEnd(Engine e, long now) {
        if (e.endStaleStep()) {
            requestStep(e); // the step a crash voided: nothing it did counts
            return;
        }
        ArrayList<LlmRequest> finished = finishedScratch;
        finished.clear();
        e.stepEnded(now, metrics, finished);
        for (int i = 0, n = finished.size(); i < n; i++) {
            LlmRequest r = finished.get(i);
            e.kv.free(r.kv()); // its blocks stay cached until the room is needed
            r.complete(now);
            inFlight.remove(r);
            e.scheduler.completed(r, now);
            metrics.call(r.record(CallStatus.COMPLETED));
            if (r.losses > 0) {
                metrics.faults().recovered++;
            }
            if (audit.on()) {
                audit(now, AuditEvent.COMPLETED, r, null);
            }
        }
        // copy: advancing agents may run other engines' code, but never re-enter this loop
        if (!finished.isEmpty()) {
            LlmRequest[] done = finished.toArray(new LlmRequest[0]);
            for (LlmRequest r : done) {
                ended(r.agent, r.result(now), now);
            }
        }
        requestStep(e);
    }

    private void scheduleStep(Engine e, long now) {
        if (e.idle() || e.down()) {
            return; // idle until a call arrives, or crashed until it restarts
        }
        // 1. the next step adds one token per running call: make room by evicting unreferenced
        //    cached blocks, then by preempting victims (whose released blocks go next)
        while (!e.kv.fitNextTokens()) {
            preempt(e, runningOn(e, e.scheduler.victim(e, now), "chose as KV victim"), now);
        }
        // 2. ask the policy
        StepTally t = applyDecision(e, now);
        if (e.emptyBatch() && e.kv.prefixCache() != null && e.scheduler.queued() > 0) {
            // the blocks of calls it just preempted were not counted free before they were released
            t = applyDecision(e, now);
        }
        if (e.emptyBatch()) {
            if (e.swapsPending() || e.scheduler.queued() > 0) {
                throw broken(e, "left the engine idle with " + e.scheduler.queued() + " calls queued");
            }
            return;
        }
        // 3. the step: as the packing fills it, prefills (whole or chunks) and one decode token per call
        e.planStep(t);
        e.audit();
        long nanos = e.startStep(t);
        metrics.step(nanos, e.batchSize(), e.kvUsed());
        steps.start(e.id, now, nanos, e.stepEnd);
    }

    /** Asks the policy for a decision on {@code e}, checks it and has the engine carry it out; returns what the step computes. */
    private StepTally applyDecision(Engine e, long now) {
        decision.reset(e);
        e.scheduler.decide(e, now, decision);
        List<CallView> preempt = decision.preemptions();
        List<CallView> admit = decision.admissions();
        for (int i = 0; i < admit.size(); i++) {
            CallView c = admit.get(i);
            if (!(c instanceof LlmRequest r) || !r.queuedOn(e)) {
                throw broken(e, "admitted " + c + " which is not queued on this engine");
            }
            for (int j = 0; j < i; j++) {
                if (admit.get(j) == c) {
                    throw broken(e, "admitted " + c + " twice");
                }
            }
        }
        for (int i = 0; i < preempt.size(); i++) {
            preempt(e, runningOn(e, preempt.get(i), "preempted"), now);
        }
        // orca plans the step as it admits (every running call decodes); other packings plan it afterwards
        StepTally t = e.config.packing().prefillsAtAdmission() ? tally.start(e.batchSize(), e.kv.contextTokens())
                : tally.start(0, 0);
        for (int i = 0; i < admit.size(); i++) {
            LlmRequest r = (LlmRequest) admit.get(i);
            if (e.batchSize() >= e.config.slots()) {
                throw broken(e, "admitted " + admit.size()
                        + " calls with " + e.batchSize() + " of " + e.config.slots() + " slots already taken");
            }
            long need = e.kvNeeded(r);
            if (need > e.freeKvTokens()) {
                throw broken(e, "admitted " + r + " needing " + need + " KV tokens with only " + e.freeKvTokens() + " free");
            }
            if (audit.on()) {
                audit(now, r.hasSnapshot() || r.losses > 0 ? AuditEvent.RESUMED : AuditEvent.ADMITTED, r, null);
            }
            e.admit(r, now, t);
        }
        return t;
    }

    private void preempt(Engine e, LlmRequest r, long now) {
        e.preempt(r, now);
        if (audit.on()) {
            audit(now, r.swapSnapshot() != null ? AuditEvent.SWAPPED : AuditEvent.PREEMPTED, r, null);
        }
    }

    /** The policy of {@code e} broke its contract: {@code what} it did. */
    private static SchedulerContractException broken(Engine e, String what) {
        return new SchedulerContractException(e.scheduler.name(), e.id, what);
    }

    private LlmRequest runningOn(Engine e, CallView v, String what) {
        if (!(v instanceof LlmRequest r) || !r.runsOn(e)) {
            throw broken(e, what + " " + v + " which is not running on this engine");
        }
        return r;
    }

    // ---- end of run -------------------------------------------------------------------------------

    /**
     * Ends the run at {@code now}: calls still queued or running are recorded as unfinished (by
     * id), agents still alive as unfinished (by pid), and the end-of-run invariants are checked.
     */
    public void finish(long now) {
        metrics.faults().close(now);
        inFlight.drain(Comparator.comparingLong(r -> r.id), r -> {
            r.checkSnapshotBalance();
            r.discardSnapshot();
            metrics.call(r.record(CallStatus.UNFINISHED));
        });
        alive.drain(Comparator.comparingLong(a -> a.process.pid()), a -> metrics.agent(a.record(-1)));
        for (Engine e : engines) {
            e.checkSwapReturned();
        }
        services.finish();
        metrics.checkBalanced();
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
}
