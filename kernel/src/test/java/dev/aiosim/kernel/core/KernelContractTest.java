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
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.scheduler.SchedulerContractException;
import dev.aiosim.kernel.sim.Simulation;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The kernel refuses impossible decisions loudly instead of over-committing. */
class KernelContractTest {

    /** A policy whose decide is given by the test; it keeps a plain FIFO queue. */
    private static final class Scripted implements Scheduler {
        final ArrayDeque<CallView> q = new ArrayDeque<>();
        final BiConsumer<Scripted, Decision> body;
        EngineView engine;

        Scripted(BiConsumer<Scripted, Decision> body) {
            this.body = body;
        }

        @Override public String name() { return "scripted"; }
        @Override public void enqueue(CallView c, long now) { q.add(c); }
        @Override public void requeue(CallView c, long now) { q.addFirst(c); }
        @Override public int queued() { return q.size(); }

        @Override
        public void decide(EngineView engine, long now, Decision d) {
            this.engine = engine;
            body.accept(this, d);
        }
    }

    private static RunMetrics run(Scripted policy, int slots, long kv, int agents) {
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(kv)
                .costModel(new ConstantCostModel(1000)).build();
        Iterator<AgentArrival> it = java.util.stream.IntStream.range(0, agents).mapToObj(i ->
                new AgentArrival(0, new AgentProcess(i, "a", 0, 1, "g", once(new LlmCall(10, 3))))).iterator();
        AgentSource src = () -> it.hasNext() ? it.next() : null;
        return new Simulation(KernelConfig.of(1, e), id -> policy, src, MetricsSink.NONE, Slo.NONE, Long.MAX_VALUE, null).run();
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
        Scripted p = new Scripted((s, d) -> {
            while (!s.q.isEmpty()) {
                d.admit(s.q.poll()); // ignores canAdmit
            }
        });
        assertThatThrownBy(() -> run(p, 2, 1000, 3)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("policy 'scripted' on engine 0").hasMessageContaining("slots");
    }

    @Test
    void admittingBeyondKvIsRejected() {
        Scripted p = new Scripted((s, d) -> {
            while (!s.q.isEmpty()) {
                d.admit(s.q.poll());
            }
        });
        assertThatThrownBy(() -> run(p, 8, 25, 3)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("KV tokens");
    }

    @Test
    void admittingTheSameCallTwiceIsRejected() {
        Scripted p = new Scripted((s, d) -> {
            CallView c = s.q.poll();
            if (c != null) {
                d.admit(c);
                d.admit(c);
            }
        });
        assertThatThrownBy(() -> run(p, 8, 1000, 1)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void stallingWithQueuedCallsIsRejected() {
        Scripted p = new Scripted((s, d) -> { });
        assertThatThrownBy(() -> run(p, 8, 1000, 1)).isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("idle with 1 calls queued");
    }

    @Test
    void readingTrueLengthsNeedsClairvoyance() {
        Scripted p = new Scripted((s, d) -> {
            CallView c = s.q.peek();
            if (c != null) {
                c.oracleOutputTokens();
            }
        });
        assertThatThrownBy(() -> run(p, 8, 1000, 1)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("not declared clairvoyant");
    }

    @Test
    void aWellBehavedPolicyCompletesEverything() {
        Scripted p = new Scripted((s, d) -> {
            while (!s.q.isEmpty() && d.canAdmit(s.q.peek())) {
                d.admit(s.q.poll());
            }
        });
        RunMetrics m = run(p, 2, 1000, 5);
        assertThat(m.llmCompleted()).isEqualTo(5);
        assertThat(m.outputTokensServed()).isEqualTo(15);
        assertThat(m.makespanNanos()).isEqualTo(9000); // 3 rounds of 2+2+1 calls x 3 tokens x 1 us
        assertThat(List.of(m.agentsFinished())).containsExactly(5L);
    }

    @Test
    void callsThatCanNeverFitAreRejectedAndCounted() {
        Scripted p = new Scripted((s, d) -> {
            while (!s.q.isEmpty() && d.canAdmit(s.q.peek())) {
                d.admit(s.q.poll());
            }
        });
        RunMetrics m = run(p, 2, 12, 2); // 10 + 3 tokens > 12
        assertThat(m.llmRejected()).isEqualTo(2);
        assertThat(m.llmCompleted()).isZero();
        assertThat(m.agentsFinished()).isEqualTo(2);
    }
}
