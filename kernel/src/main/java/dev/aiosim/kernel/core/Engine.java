package dev.aiosim.kernel.core;

import dev.aiosim.kernel.cache.PrefixCache;
import dev.aiosim.kernel.context.ContextManager;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One GPU serving instance: its running batch, KV pool, context manager and policy. Two event
 * targets wake it: the end of its current step, and a wake-up after work arrived while idle.
 *
 * <p>KV accounting: {@code kvUsed} = private tokens of running calls + tokens of every block in
 * the prefix cache, referenced or not. Policies see unreferenced cached blocks as free
 * ({@link #freeKvTokens()}), since the kernel evicts them, least recently released first, as soon
 * as the room is needed and before it preempts anyone.
 */
public final class Engine implements EngineView {
    final int id;
    final EngineConfig config;
    final Scheduler scheduler;
    final ContextManager context;
    /** Null when the prefix cache is off. */
    final PrefixCache cache;
    final EngineStats stats;
    final ArrayList<LlmRequest> running = new ArrayList<>();
    private final List<LlmRequest> runningView = Collections.unmodifiableList(running);
    long kvUsed;
    boolean stepInFlight;
    boolean wakePending;
    long pendingSwapBytes;
    final EventTarget stepEnd;
    final EventTarget wake;

    Engine(int id, EngineConfig config, Scheduler scheduler, Kernel kernel, EngineStats stats) {
        this.id = id;
        this.cache = config.prefixCache() ? new PrefixCache() : null;
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
        long evictable = cache == null ? 0 : cache.evictableTokens();
        return config.kvCapacityTokens() - (kvUsed - evictable) - running.size();
    }

    /**
     * For a waiting call of this engine: the free KV its admission takes, i.e. its context plus its
     * next token, less the tokens of its cached blocks that running calls already reference. For a
     * running call: the KV its preemption surely gives back, its private tokens plus its next token
     * (its shared blocks may stay referenced by others, or be wanted by the call being admitted, so
     * they are not counted). Without a prefix cache both are the context plus one, as before.
     */
    @Override
    public long kvNeeded(CallView call) {
        if (call instanceof LlmRequest r && r.blocks != null && r.engine == this) {
            if (r.state == LlmRequest.State.RUNNING) {
                return r.privateTokens() + 1;
            }
            return r.context() + 1L - r.blocks.sharedTokens(cache, r.context());
        }
        return call.contextTokens() + 1L;
    }

    /** Evicts the least recently released unreferenced block; false when there is none. */
    boolean evictOne() {
        int tokens = cache == null ? 0 : cache.evictOne();
        if (tokens == 0) {
            return false;
        }
        kvUsed -= tokens;
        stats.evicted();
        return true;
    }

    /** Evicts unreferenced blocks until {@code tokens} more KV fit beside the running calls' next tokens. */
    void makeRoom(long tokens) {
        while (kvUsed + running.size() + tokens > config.kvCapacityTokens() && evictOne()) {
            // evicting, least recently released first
        }
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

    /** The prefix cache, or null when it is off. */
    public PrefixCache prefixCache() {
        return cache;
    }

    public EngineStats stats() {
        return stats;
    }
}
