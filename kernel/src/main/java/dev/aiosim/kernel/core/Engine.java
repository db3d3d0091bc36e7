package dev.aiosim.kernel.core;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.cache.BlockTable;
import dev.aiosim.kernel.cache.KvManager;
import dev.aiosim.kernel.context.ContextManager;
import dev.aiosim.kernel.context.ContextSnapshot;
import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.engine.packing.StepPacking;
import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.time.EventTarget;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One GPU serving instance: its running batch, its {@link KvManager KV pool}, its context manager
 * and its policy. It carries out what the kernel decides (admit, preempt, one token per step) and
 * keeps its books; the kernel checks the policy's decisions and drives the steps. Two event
 * targets wake it: the end of its current step, and a wake-up after work arrived while idle.
 */
public final class Engine implements EngineView {
    final int id;
    final EngineConfig config;
    final Scheduler scheduler;
    final ContextManager context;
    final KvManager kv;
    final EngineStats stats;
    private final ArrayList<LlmRequest> running = new ArrayList<>();
    private final List<LlmRequest> runningView = Collections.unmodifiableList(running);
    private boolean stepInFlight;
    private boolean wakePending;
    private long pendingSwapBytes;
    /** Scratch for {@link #planStep}: remaining prefill and planned tokens per running call. */
    private int[] pending = new int[8];
    private int[] planned = new int[8];
    private boolean down;
    private boolean staleStep;
    final EventTarget stepEnd;
    final EventTarget wake;

    Engine(int id, EngineConfig config, Scheduler scheduler, Kernel kernel, EngineStats stats) {
        this.id = id;
        this.kv = new KvManager(id, config.kvCapacityTokens(), config.prefixCache(), stats);
        this.stats = stats;
        this.config = config;
        this.scheduler = scheduler;
        this.context = new ContextManager(config.preemption(), config.kvBytesPerToken(), config.hostSwapBytes());
        this.stepEnd = now -> kernel.onStepEnd(this, now);
        this.wake = now -> kernel.onWake(this, now);
    }

    @Override public int id() { return id; }
    @Override public int slots() { return config.slots(); }
    @Override public List<LlmRequest> running() { return runningView; }
    @Override public long kvCapacityTokens() { return config.kvCapacityTokens(); }

    /** KV tokens free after reserving each running call's next token; unreferenced cached blocks count as free. */
    @Override
    public long freeKvTokens() {
        return kv.freeTokens();
    }

    /**
     * For a waiting call of this engine: the free KV its admission takes, i.e. its context plus its
     * next token, less the tokens of its cached blocks that running calls already reference. For a
     * running call: the KV its preemption surely gives back, its private tokens plus its next token.
     * Without a prefix cache both are the context plus one. With a packing that chunks prefills,
     * only the blocks a waiting call references at once count as shared (see
     * {@link KvManager#chunkedAdmissionNeed}).
     */
    @Override
    public long kvNeeded(CallView call) {
        if (call instanceof LlmRequest r && r.engine() == this) {
            if (r.running()) {
                return kv.preemptionGain(r.kv(), r.context());
            }
            return config.packing().prefillsAtAdmission() ? kv.admissionNeed(r.kv(), r.context())
                    : kv.chunkedAdmissionNeed(r.kv(), r.context(), r.swappedKvTokens());
        }
        return call.contextTokens() + 1L;
    }

    /** The cost model's time for a step that only prefills {@code tokens} tokens of one call. */
    @Override
    public long prefillNanos(int tokens) {
        if (tokens <= 0) {
            return 0;
        }
        return config.costModel().stepNanos(new StepShape(tokens, (long) tokens * (tokens + 1) / 2, 0, 0));
    }

    // ---- what the kernel has it do -----------------------------------------------------------

    /** Asks for a wake-up: true when none was pending (the caller arms it). */
    boolean requestWake() {
        if (wakePending) {
            return false;
        }
        wakePending = true;
        return true;
    }

    /** The wake-up came: true when no step is in flight, so a step may be scheduled. */
    boolean woke() {
        wakePending = false;
        return !stepInFlight;
    }

    boolean stepInFlight() {
        return stepInFlight;
    }

    /** Nothing runs and nothing waits. */
    boolean idle() {
        return running.isEmpty() && scheduler.queued() == 0;
    }

    /** Nothing runs. */
    boolean emptyBatch() {
        return running.isEmpty();
    }

    /** Swaps of a preemption wait for the next step to carry them out. */
    boolean swapsPending() {
        return pendingSwapBytes > 0;
    }

    int batchSize() {
        return running.size();
    }

    /**
     * The step in flight ended at {@code now} and gave every running call one more token, except
     * those it left waiting (a prefill chunk short of its end, a stalled decode): their KV grows,
     * and the calls that generated all their tokens leave the batch for {@code finished}, in batch
     * order (their KV is still held: the kernel frees it call by call).
     */
    void stepEnded(long now, RunMetrics metrics, ArrayList<LlmRequest> finished) {
        stepInFlight = false;
        int kept = 0;
        for (int i = 0, n = running.size(); i < n; i++) {
            LlmRequest r = running.get(i);
            if (r.waitsThisStep()) {
                running.set(kept++, r);
                continue;
            }
            long gap = r.tokenGenerated(now);
            kv.grow(r.kv()); // a session names its newly full blocks
            if (gap >= 0) {
                metrics.tokenGap(gap);
            }
            if (r.generatedAll()) {
                finished.add(r);
            } else {
                running.set(kept++, r);
            }
        }
        for (int i = running.size() - 1; i >= kept; i--) {
            running.remove(i);
        }
    }

    /**
     * Admits a waiting call into the batch: allocates its KV, resumes its snapshot if it has one,
     * and adds what the next step computes for it to {@code t}. A fresh call prefills its context
     * less its prefix hits; a recompute resume prefills it again (counted as recomputed); a swap
     * resume swaps its private KV back in, recomputes its cached blocks evicted while it waited,
     * and decodes in the same step.
     */
    void admit(LlmRequest r, long now, StepTally t) {
        if (!config.packing().prefillsAtAdmission()) {
            admitForChunks(r, now, t);
            return;
        }
        int tokens = r.context();
        ContextSnapshot s = r.resume();
        boolean swapResume = s != null && s.mode() == PreemptionMode.SWAP;
        BlockTable.Admission found = kv.allocate(r.kv(), tokens, !swapResume);
        if (found == null) {
            resumeWhole(r, s, tokens, t);
        } else if (swapResume) {
            long missing = found.missingTokens();
            long bytes = context.restore(s, missing);
            r.swappedIn(bytes);
            pendingSwapBytes += bytes;
            r.recomputed(missing);
            t.recompute(missing, found.missingPrefillPairs());
            t.decode(tokens);
        } else {
            long hit = found.hitTokens();
            long prefill = found.prefillTokens(tokens);
            r.prefixHit(hit);
            if (s != null) {
                context.restore(s, prefill);
                r.recomputed(prefill);
            }
            t.prefill(prefill, prefill * tokens - prefill * (prefill - 1) / 2);
        }
        r.admitted(now);
        running.add(r);
    }

    /** A call whose whole context is its own KV: a fresh prefill, a swap-in or a recompute. */
    private void resumeWhole(LlmRequest r, ContextSnapshot s, int tokens, StepTally t) {
        if (s == null) {
            t.prefill(tokens, (long) tokens * (tokens + 1) / 2);
            return;
        }
        long bytes = context.restore(s);
        if (s.mode() == PreemptionMode.SWAP) {
            r.swappedIn(bytes);
            pendingSwapBytes += bytes;
            t.decode(tokens);
        } else {
            r.recomputed(s.contextTokens());
            t.prefill(tokens, (long) tokens * (tokens + 1) / 2);
        }
    }

    /**
     * Admits a waiting call when its prefill is packed into steps later ({@link #planStep}): a
     * fresh call or a recompute resume holds the KV of its prefix hits and reserves the rest of
     * its context, to prefill from the first token after its hits (a recompute starts again from
     * zero); a swap resume swaps its own KV back in, recomputes its cached blocks evicted while it
     * waited (in this step), and goes on where it stopped: decoding, or prefilling the rest of its prompt.
     */
    private void admitForChunks(LlmRequest r, long now, StepTally t) {
        int tokens = r.context();
        ContextSnapshot s = r.resume();
        if (s != null && s.mode() == PreemptionMode.SWAP) {
            int held = s.contextTokens();
            BlockTable.Admission found = kv.allocate(r.kv(), held, false, tokens - held);
            long missing = found == null ? 0 : found.missingTokens();
            long bytes = context.restore(s, missing);
            r.swappedIn(bytes);
            pendingSwapBytes += bytes;
            if (missing > 0) {
                r.recomputed(missing);
                t.recompute(missing, found.missingPrefillPairs());
            }
        } else {
            int hit = kv.allocateForPrefill(r.kv(), tokens);
            int prefill = Math.max(1, tokens - hit);
            r.prefixHit(hit);
            if (s != null) {
                // only tokens it had prefilled before are computed again
                long again = Math.max(0, prefill - (tokens - s.contextTokens()));
                context.restore(s, again);
                r.recomputed(again);
            }
            r.startPrefill(prefill);
        }
        r.admitted(now);
        running.add(r);
    }

    /**
     * Plans the step when the packing does not prefill at admission: the packing says how many
     * tokens each running call computes; a decode is tallied over its context, a prefill chunk of
     * {@code c} tokens after {@code k} prefilled ones lands in KV and is tallied with its
     * {@code c*k + c(c+1)/2} attention pairs. A call samples at the step's end when it decodes or
     * its prefill completes; every other call waits. Nothing to do for orca, planned as it admitted.
     */
    void planStep(StepTally t) {
        StepPacking packing = config.packing();
        if (packing.prefillsAtAdmission()) {
            return;
        }
        int n = running.size();
        if (pending.length < n) {
            pending = new int[Math.max(n, pending.length * 2)];
            planned = new int[pending.length];
        }
        for (int i = 0; i < n; i++) {
            pending[i] = running.get(i).prefillLeft();
        }
        packing.plan(pending, n, planned);
        boolean works = false;
        for (int i = 0; i < n; i++) {
            LlmRequest r = running.get(i);
            int c = planned[i];
            int left = pending[i];
            if (c < 0 || c > Math.max(1, left)) {
                throw new InvariantViolation("engine " + id + ": packing " + packing.name() + " gave " + c + " tokens to "
                        + r + " with " + left + " left to prefill");
            }
            works |= c > 0;
            if (c == 0) {
                r.waits(true);
            } else if (left == 0) {
                t.decode(r.context());
                r.waits(false);
            } else {
                int before = r.context() - left;
                kv.landChunk(r.kv(), before + c);
                r.prefilled(c);
                long pairs = (long) c * before + (long) c * (c + 1) / 2;
                if (c == left) {
                    t.prefill(c, pairs);
                    r.waits(false);
                } else {
                    t.chunk(c, pairs);
                    r.waits(true);
                }
            }
        }
        if (!works) {
            throw new InvariantViolation("engine " + id + ": packing " + packing.name() + " planned an empty step for "
                    + n + " running calls");
        }
    }

    /**
     * Takes a running call off the batch: its KV is freed (its shared blocks are not swapped;
     * they may be evicted while it waits), its context snapshotted, and it waits again in the
     * policy's queue.
     */
    void preempt(LlmRequest r, long now) {
        running.remove(r);
        int tokens = r.kv().tokens(); // its context, or the prefilled part of a prompt preempted mid-prefill
        long own = kv.free(r.kv());
        stats.preempted();
        ContextSnapshot s = context.take(r.id, tokens, own, now);
        pendingSwapBytes += s.bytes();
        r.preempted(s, now);
        scheduler.requeue(r, now);
    }

    /** A running call leaves the batch for good (cancelled): its KV is freed; shared blocks stay cached for others. */
    void dropRunning(LlmRequest r) {
        running.remove(r);
        kv.free(r.kv());
    }

    /** Starts the step planned in {@code t} and returns its duration: the cost model's, plus the swaps done in it. */
    long startStep(StepTally t) {
        long nanos = config.costModel().stepNanos(t.shape());
        if (pendingSwapBytes > 0) {
            double swap = Math.ceil(pendingSwapBytes / config.pcieBytesPerSec() * 1e9);
            if (!(swap < 0x1p63)) {
                throw new VirtualTimeOverflow("engine " + id + ": swap time of " + pendingSwapBytes + " bytes");
            }
            try {
                nanos = Math.addExact(nanos, (long) swap);
            } catch (ArithmeticException e) {
                throw new VirtualTimeOverflow("engine " + id + ": step time plus swap time");
            }
            pendingSwapBytes = 0;
        }
        stats.step(nanos, t.prefillTokens());
        stepInFlight = true;
        return nanos;
    }

    /** The engine's invariants at a step: slots, KV books (see {@link KvManager#audit()}) and host swap space. */
    void audit() {
        if (running.size() > config.slots()) {
            throw new InvariantViolation("engine " + id + " runs " + running.size() + " calls in " + config.slots() + " slots");
        }
        if (kv.holders() != running.size()) {
            throw new InvariantViolation("engine " + id + " runs " + running.size() + " calls but " + kv.holders() + " hold KV");
        }
        kv.audit();
        if (context.hostUsedBytes() > context.hostSwapBytes() || context.hostUsedBytes() < 0) {
            throw new InvariantViolation("engine " + id + " host swap " + context.hostUsedBytes() + " of " + context.hostSwapBytes());
        }
    }

    /** At the end of a run, after every snapshot was resumed or discarded: no host swap is held. */
    void checkSwapReturned() {
        if (context.hostUsedBytes() != 0) {
            throw new InvariantViolation("engine " + id + " still holds " + context.hostUsedBytes()
                    + " B of host swap after every snapshot was resumed or discarded");
        }
    }

    // ---- crashes (fault injection) -------------------------------------------------------------

    /** Whether the engine is crashed and not yet restarted. */
    public boolean down() {
        return down;
    }

    /**
     * The engine crashes: the step in flight, if any, will end without effect (its end event is
     * still due, and no new step starts before it), and the swaps it carried are void.
     */
    void crash() {
        down = true;
        staleStep = stepInFlight;
        pendingSwapBytes = 0;
    }

    void restart() {
        down = false;
    }

    /** At a step end: true when it was the step a crash voided (the engine may step again now). */
    boolean endStaleStep() {
        if (!staleStep) {
            return false;
        }
        staleStep = false;
        stepInFlight = false;
        return true;
    }

    /** Running calls, copied. */
    List<LlmRequest> runningCopy() {
        return new ArrayList<>(running);
    }

    /** Running plus queued calls, for the dispatcher. */
    int load() {
        return running.size() + scheduler.queued();
    }

    public ContextManager context() {
        return context;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** KV tokens in use: private tokens of running calls plus every cached block. */
    public long kvUsed() {
        return kv.usedTokens();
    }

    /** The engine's KV pool and prefix cache. */
    public KvManager kv() {
        return kv;
    }

    public EngineStats stats() {
        return stats;
    }
}
