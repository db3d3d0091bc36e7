package dev.aiosim.kernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.scheduler.SchedulerContractException;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a prefix cache the kernel judges each admission by the KV it really takes, blocks already cached excluded. */
class PrefixCacheContractTest {

    /** Admits every queued call at once, ignoring {@code canAdmit}, and keeps the KV each seemed to need. */
    private static TestPolicy greedy(List<Long> needs) {
        return new TestPolicy("greedy", (q, engine, d) -> {
            while (!q.isEmpty()) {
                needs.add(engine.kvNeeded(q.peek()));
                d.admit(q.poll());
            }
        });
    }

    private static RunMetrics run(Scheduler policy, List<CallRecord> rows, long[]... ids) {
        EngineConfig e = EngineConfig.builder().slots(4).kvTokens(40).costModel(new ConstantCostModel(1000))
                .prefixCache(true).build();
        List<AgentArrival> agents = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            LlmCall call = new LlmCall(30, 3, 0, new Prefix.Blocks(10, ids[i]));
            boolean[] done = {false};
            agents.add(new AgentArrival(0, new AgentProcess(i, "a", 0, 1, "g", prev -> {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return call;
            })));
        }
        Iterator<AgentArrival> it = agents.iterator();
        MetricsSink sink = new MetricsSink() {
            @Override public void call(CallRecord c) { rows.add(c); }
            @Override public void agent(dev.aiosim.kernel.metrics.AgentRecord a) { }
        };
        return new Simulation(KernelConfig.of(1, e), id -> policy, () -> it.hasNext() ? it.next() : null, sink,
                Slo.NONE, Long.MAX_VALUE, null).run();
    }

    @Test
    void aCallSharingTheBlocksOfOneAdmittedInTheSameDecisionFits() {
        // 40 KV tokens. The first call (30 tokens = 3 full blocks) takes 30 + 1; the second names the
        // same blocks, now cached and referenced: it takes only its next token, 1 of the 9 left.
        List<CallRecord> rows = new ArrayList<>();
        List<Long> needs = new ArrayList<>();
        RunMetrics m = run(greedy(needs), rows, new long[] {1, 2, 3}, new long[] {1, 2, 3});
        // when the policy decided, nothing was cached yet: it saw both needing 31
        assertThat(needs).containsExactly(31L, 31L);
        assertThat(m.llmCompleted()).isEqualTo(2);
        assertThat(rows).extracting(CallRecord::completedAt).containsOnly(3000L);
        assertThat(rows).extracting(CallRecord::prefixHitTokens).containsExactlyInAnyOrder(0L, 30L);
        // 30 prefilled, then 1 (for the logits) for the fully cached second call
        assertThat(m.engineStats().get(0).prefillTokens()).isEqualTo(31);
    }

    @Test
    void aCallWithOtherBlocksDoesNotFitAndIsRefused() {
        assertThatThrownBy(() -> run(greedy(new ArrayList<>()), new ArrayList<>(), new long[] {1, 2, 3},
                new long[] {4, 5, 6}))
                .isInstanceOf(SchedulerContractException.class)
                .hasMessageContaining("needing 31 KV tokens with only 9 free");
    }

    @Test
    void aSecondDecisionRoundDoesNotHideAStallingPolicy() {
        assertThatThrownBy(() -> run(new TestPolicy("greedy", TestPolicy.IDLE), new ArrayList<>(),
                new long[] {1, 2, 3}))
                .isInstanceOf(SchedulerContractException.class).hasMessageContaining("idle with 1 calls queued");
    }
}
