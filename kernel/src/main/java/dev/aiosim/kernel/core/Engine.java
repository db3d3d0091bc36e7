package dev.aiosim.kernel.core;

import dev.aiosim.kernel.context.ContextManager;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One GPU serving instance: its running batch, KV pool, context manager and policy. Two event
 * targets wake it: the end of its current step, and a wake-up after work arrived while idle.
 */
public final class Engine implements EngineView {
    final int id;
    final EngineConfig config;
    final Scheduler scheduler;
    final ContextManager context;
    final ArrayList<LlmRequest> running = new ArrayList<>();
    private final List<LlmRequest> runningView = Collections.unmodifiableList(running);
    long kvUsed;
    boolean stepInFlight;
    boolean wakePending;
    long pendingSwapBytes;
    final EventTarget stepEnd;
    final EventTarget wake;

    Engine(int id, EngineConfig config, Scheduler scheduler, Kernel kernel) {
        this.id = id;
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

    @Override
    public long freeKvTokens() {
        return config.kvCapacityTokens() - kvUsed - running.size();
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

    public long kvUsed() {
        return kvUsed;
    }
}
