package dev.aiosim.kernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.SchedulerContractException;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel refuses impossible decisions loudly instead of over-committing. */
class KernelContractTest {
    private static RunMetrics run(TestPolicy.Rule rule, int slots, long kv, int agents) {
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(kv)
                .costModel(new ConstantCostModel(1000)).build();
        Iterator<AgentArrival> it = java.util.stream.IntStream.range(0, agents).mapToObj(i ->
                new AgentArrival(0, new AgentProcess(i, "a", 0, 1, "g", once(new LlmCall(10, 3))))).iterator();
        AgentSource src = () -> it.hasNext() ? it.next() : null;
        return new Simulation(KernelConfig.of(1, e), id -> new TestPolicy("scripted", rule), src, MetricsSink.NONE,
                Slo.NONE, Long.MAX_VALUE, null).run();
    }

    private static dev.aiosim.kernel.process.Program once(LlmCall c) {
        boolean[] done = {false};
        return prev -> {
            if (done[0]) {
                return null;
            }
            done[0] = true;
            return c;
        };
    }

    @Test
    void admittingMoreThanTheSlotsIsRejected() {
        TestPolicy.Rule p = (q, engine, d) -> {
            while (!q.isEmpty()) {
                d.admit(q.poll()); // ignores canAdmit
            }
        };
        assertThatThrownBy(() -> run(p, 2, 1000, 3)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("policy 'scripted' on engine 0").hasMessageContaining("slots");
    }

    @Test
    void admittingBeyondKvIsRejected() {
        TestPolicy.Rule p = (q, engine, d) -> {
            while (!q.isEmpty()) {
                d.admit(q.poll());
            }
        };
        assertThatThrownBy(() -> run(p, 8, 25, 3)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("KV tokens");
    }

    @Test
    void admittingTheSameCallTwiceIsRejected() {
        TestPolicy.Rule p = (q, engine, d) -> {
            CallView c = q.poll();
            if (c != null) {
                d.admit(c);
                d.admit(c);
            }
        };
        assertThatThrownBy(() -> run(p, 8, 1000, 1)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void stallingWithQueuedCallsIsRejected() {
        TestPolicy.Rule p = TestPolicy.IDLE;
        assertThatThrownBy(() -> run(p, 8, 1000, 1)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("idle with 1 calls queued");
    }

    @Test
    void readingTrueLengthsNeedsClairvoyance() {
        TestPolicy.Rule p = (q, engine, d) -> {
            CallView c = q.peek();
            if (c != null) {
                c.oracleOutputTokens();
            }
        };
        assertThatThrownBy(() -> run(p, 8, 1000, 1)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("not declared clairvoyant");
    }

    @Test
    void aWellBehavedPolicyCompletesEverything() {
        TestPolicy.Rule p = TestPolicy.FIFO;
        RunMetrics m = run(p, 2, 1000, 5);
        assertThat(m.llmCompleted()).isEqualTo(5);
        assertThat(m.outputTokensServed()).isEqualTo(15);
        assertThat(m.makespanNanos()).isEqualTo(9000); // 3 rounds of 2+2+1 calls x 3 tokens x 1 us
        assertThat(List.of(m.agentsFinished())).containsExactly(5L);
    }

    @Test
    void callsThatCanNeverFitAreRejectedAndCounted() {
        TestPolicy.Rule p = TestPolicy.FIFO;
        RunMetrics m = run(p, 2, 12, 2); // 10 + 3 tokens > 12
        assertThat(m.llmRejected()).isEqualTo(2);
        assertThat(m.llmCompleted()).isZero();
        assertThat(m.agentsFinished()).isEqualTo(2);
    }
}
