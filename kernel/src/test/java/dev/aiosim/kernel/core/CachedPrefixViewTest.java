package dev.aiosim.kernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a running call shows a real engine about its prefix: its {@link Prefix} and the tokens the
 * prefix cache credited at its admission, which are the tokens its prefill skips.
 */
class CachedPrefixViewTest {
    /** What a policy saw of each call the first time it found it running. */
    record Seen(Prefix prefix, int cached) {}

    private static Map<Long, Seen> run(boolean prefixCache, long startSecond, Prefix... prefixes) {
        Map<Long, Seen> seen = new LinkedHashMap<>();
        TestPolicy policy = new TestPolicy("watch", (q, engine, d) -> {
            for (CallView c : engine.running()) {
                seen.putIfAbsent(c.agentPid(), new Seen(c.prefix(), c.cachedPrefixTokens()));
            }
            TestPolicy.FIFO.decide(q, engine, d);
        });
        EngineConfig e = EngineConfig.builder().slots(4).kvTokens(1000).costModel(new ConstantCostModel(1000))
                .prefixCache(prefixCache).build();
        List<AgentArrival> agents = new ArrayList<>();
        for (int i = 0; i < prefixes.length; i++) {
            LlmCall call = new LlmCall(30, 3, 0, prefixes[i]);
            boolean[] done = {false};
            agents.add(new AgentArrival(i == 0 ? 0 : startSecond, new AgentProcess(i, "a", 0, 1, "g", prev -> {
                if (done[0]) {
                    return null;
                }
                done[0] = true;
                return call;
            })));
        }
        Iterator<AgentArrival> it = agents.iterator();
        MetricsSink sink = new MetricsSink() {
            @Override public void call(CallRecord c) { }
            @Override public void agent(AgentRecord a) { }
        };
        new Simulation(KernelConfig.of(1, e), id -> policy, () -> it.hasNext() ? it.next() : null, sink,
                Slo.NONE, Long.MAX_VALUE, null).run();
        return seen;
    }

    @Test
    void aCallShowsItsPrefixAndTheLeadingBlocksFoundCached() {
        Prefix a = new Prefix.Blocks(10, new long[] {1, 2, 3});
        Prefix b = new Prefix.Blocks(10, new long[] {1, 2, 7});
        Prefix c = new Prefix.Blocks(10, new long[] {9, 2, 3});
        Map<Long, Seen> seen = run(true, 1500, a, b, c, a);
        // the first computes everything; the second shares 2 leading blocks, the third none (its
        // first block differs), the fourth all 3 (it still prefills its last token for the logits)
        assertThat(seen).containsExactly(Map.entry(0L, new Seen(a, 0)), Map.entry(1L, new Seen(b, 20)),
                Map.entry(2L, new Seen(c, 0)), Map.entry(3L, new Seen(a, 30)));
    }

    @Test
    void withoutAPrefixCacheNothingIsCreditedButThePrefixIsStillShown() {
        Prefix a = new Prefix.Blocks(10, new long[] {1, 2, 3});
        Map<Long, Seen> seen = run(false, 1500, a, a);
        assertThat(seen).containsExactly(Map.entry(0L, new Seen(a, 0)), Map.entry(1L, new Seen(a, 0)));
    }

    @Test
    void aCallWithoutPrefixShowsNone() {
        Map<Long, Seen> seen = run(true, 0, null, null);
        assertThat(seen.values()).containsOnly(new Seen(null, 0));
    }

    /**
     * A call preempted after two tokens and admitted again: by swap it brings back its own KV and
     * is credited nothing; by recompute its blocks, still cached, are hits again (its 30 prompt
     * tokens; its 2 generated ones are not named).
     */
    @ParameterizedTest
    @CsvSource({"SWAP, 0", "RECOMPUTE, 30"})
    void aResumedCallIsCreditedWhatItsReadmissionFound(PreemptionMode mode, int expected) {
        Map<Integer, Integer> seen = new LinkedHashMap<>(); // preemptions so far -> credited tokens
        TestPolicy policy = new TestPolicy("preempt-once", (q, engine, d) -> {
            for (CallView c : engine.running()) {
                seen.putIfAbsent(c.preemptions(), c.cachedPrefixTokens());
                if (c.preemptions() == 0 && c.tokensSinceAdmitted() == 2) {
                    d.preempt(c);
                }
            }
            TestPolicy.FIFO.decide(q, engine, d);
        });
        EngineConfig e = EngineConfig.builder().slots(4).kvTokens(1000).kvBytesPerToken(100).hostSwapBytes(1L << 30)
                .preemption(mode).costModel(new ConstantCostModel(1000)).prefixCache(true).build();
        LlmCall call = new LlmCall(30, 6, 0, new Prefix.Blocks(10, new long[] {1, 2, 3}));
        boolean[] done = {false};
        Iterator<AgentArrival> it = List.of(new AgentArrival(0, new AgentProcess(0, "a", 0, 1, "g", prev -> {
            if (done[0]) {
                return null;
            }
            done[0] = true;
            return call;
        }))).iterator();
        MetricsSink sink = new MetricsSink() {
            @Override public void call(CallRecord c) { }
            @Override public void agent(AgentRecord a) { }
        };
        new Simulation(KernelConfig.of(1, e), id -> policy, () -> it.hasNext() ? it.next() : null, sink,
                Slo.NONE, Long.MAX_VALUE, null).run();
        // first admission (nothing cached yet), then the readmission
        assertThat(seen).containsExactly(Map.entry(0, 0), Map.entry(1, expected));
    }
}
