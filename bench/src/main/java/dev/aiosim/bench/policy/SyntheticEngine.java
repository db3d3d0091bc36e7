package dev.aiosim.bench.policy;

import dev.aiosim.kernel.scheduler.EngineView;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine view for the decision benchmark: a fixed number of slots and the running calls in
 * admission order. The KV pool is never the binding limit ({@link #freeKvTokens()} is huge), so
 * decisions are limited by slots only and the benchmark measures queue work, not KV accounting.
 */
public final class SyntheticEngine implements EngineView {
    /** Free KV reported to the policy: far more than any number of benchmark calls can hold. */
    public static final long UNLIMITED_KV = Long.MAX_VALUE / 4;

    private final int slots;
    final ArrayList<SyntheticCall> running;

    SyntheticEngine(int slots) {
        this.slots = slots;
        this.running = new ArrayList<>(slots);
    }

    @Override
    public int id() {
        return 0;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public List<SyntheticCall> running() {
        return running;
    }

    @Override
    public long kvCapacityTokens() {
        return UNLIMITED_KV;
    }

    @Override
    public long freeKvTokens() {
        return UNLIMITED_KV;
    }

    /** {@value #PREFILL_NANOS_PER_TOKEN} ns per prompt token: the churn's 100-2,000-token prompts take 2-40 ms. */
    @Override
    public long prefillNanos(int tokens) {
        return tokens * PREFILL_NANOS_PER_TOKEN;
    }

    /** Prefill time per prompt token reported to policies that place calls by it (mlfq). */
    public static final long PREFILL_NANOS_PER_TOKEN = 20_000L;
}
