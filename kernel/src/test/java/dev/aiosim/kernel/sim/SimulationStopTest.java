package dev.aiosim.kernel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Simulation#stop} ends a run early, from another thread, as a horizon would: books balanced. */
class SimulationStopTest {
    private static final int AGENTS = 2_000_000;

    @Test
    void aStopEndsTheRunWithEveryCallAccountedFor() throws Exception {
        EngineConfig engine = EngineConfig.builder().slots(4).kvTokens(1_000_000).costModel(new ConstantCostModel(1_000)).build();
        long[] next = {0};
        AtomicLong calls = new AtomicLong();
        MetricsSink sink = new MetricsSink() {
            @Override
            public void call(CallRecord r) {
                calls.incrementAndGet();
            }

            @Override
            public void agent(AgentRecord r) {
            }
        };
        Simulation sim = new Simulation(KernelConfig.of(1, engine), id -> TestPolicy.fifo(), () -> {
            long i = next[0]++;
            return i >= AGENTS ? null : new AgentArrival(i * 10, new AgentProcess(i, "a" + i, 0, 1, "g",
                    previous -> previous == null ? new LlmCall(10, 5) : null));
        }, sink, Slo.NONE, Long.MAX_VALUE, null);
        Thread stopper = Thread.ofPlatform().start(() -> {
            while (calls.get() < 1_000) {
                Thread.onSpinWait();
            }
            sim.stop();
        });
        RunMetrics m = sim.run();
        stopper.join();
        assertThat(sim.stopped()).isTrue();
        assertThat(m.agentsArrived()).isLessThan(AGENTS);
        // finish() checked the balance; every submitted call has exactly one row
        assertThat(calls.get()).isEqualTo(m.llmSubmitted());
        assertThat(m.llmCompleted() + m.llmUnfinished()).isEqualTo(m.llmSubmitted());
    }
}
