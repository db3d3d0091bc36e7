package dev.aiosim.kernel.live;

import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.engine.packing.StepPacking;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import java.util.ArrayList;
import java.util.List;

/** Shared set-up of the live tests: a cluster, a sink that keeps rows. */
final class LiveTesting {
    private LiveTesting() {}

    static KernelConfig cluster(int engines, int slots, long stepNanos) {
        return cluster(engines, slots, stepNanos, StepPacking.DEFAULT);
    }

    /** As {@link #cluster(int, int, long)}, its steps packed by {@code packing}. */
    static KernelConfig cluster(int engines, int slots, long stepNanos, StepPacking packing) {
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(1_000_000)
                .costModel(new ConstantCostModel(stepNanos)).packing(packing).build();
        return KernelConfig.of(engines, e);
    }

    /** Keeps every row; filled on the kernel thread, read after the run ended. */
    static final class Rows implements MetricsSink {
        final List<CallRecord> calls = new ArrayList<>();
        final List<AgentRecord> agents = new ArrayList<>();

        @Override public void call(CallRecord r) { calls.add(r); }
        @Override public void agent(AgentRecord r) { agents.add(r); }
    }

    /** Waits (bounded) until {@code t} is parked, i.e. blocked in a syscall. */
    static void awaitParked(Thread t) throws InterruptedException {
        for (int i = 0; i < 60_000 && t.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(1);
        }
        if (t.getState() != Thread.State.WAITING) {
            throw new AssertionError(t + " never parked");
        }
    }
}
