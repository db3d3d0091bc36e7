package dev.aiosim.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.testing.PolicySamples;
import dev.aiosim.kernel.testing.PolicySamples.PolicySample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomised runs with the prefix cache on: workloads whose calls share prompt blocks (a few
 * "system prompts" named by {@link Prefix.Blocks}) and multi-round sessions ({@link Prefix.Session})
 * on tight KV pools, every registered policy with its defaults and each sample parameter
 * ({@link PolicySamples}), both preemption modes, every step packing, many seeds. The kernel audits the cache
 * at every step (KV used = private + cached tokens, reference counts = referencing calls, LRU list
 * = unreferenced blocks) and throws on violation; this test checks the accounting in the rows, that
 * the situations the cache is about actually happen, determinism, and that with the cache off the
 * prefixes change nothing.
 */
class PrefixCacheRandomRunsTest {

    private static final Map<String, Long> seen = new ConcurrentHashMap<>();

    /**
     * Every registered policy with its defaults and sample parameters, both preemption modes, seeds
     * 1 to 10, each seed with one of the step packings in turn ({@link Packings}).
     */
    static Stream<Arguments> runs() {
        return runs(10);
    }

    /** The determinism check runs on the first 4 seeds only, which keeps the suite quick. */
    static Stream<Arguments> determinismRuns() {
        return runs(4);
    }

    private static Stream<Arguments> runs(int seeds) {
        List<Arguments> a = new ArrayList<>();
        for (PolicySample p : PolicySamples.all()) {
            for (PreemptionMode mode : PreemptionMode.values()) {
                for (long seed = 1; seed <= seeds; seed++) {
                    a.add(Arguments.of(p, mode, Packings.name(seed), seed));
                }
            }
        }
        return a.stream();
    }

    /** The syscalls of one agent: a session of growing rounds, or calls on a shared system prompt. */
    static List<Syscall> program(SplittableRandom rnd, long pid) {
        List<Syscall> calls = new ArrayList<>();
        int rounds = 1 + rnd.nextInt(4);
        if (rnd.nextBoolean()) {
            int blockTokens = rnd.nextBoolean() ? 4 : 8;
            Prefix session = new Prefix.Session(pid, blockTokens);
            int prompt = 5 + rnd.nextInt(25);
            for (int i = 0; i < rounds; i++) {
                int out = 1 + rnd.nextInt(20);
                calls.add(new LlmCall(prompt, out, 0, session));
                if (rnd.nextInt(3) == 0) {
                    calls.add(new ToolCall("t", rnd.nextLong(5_000_000)));
                }
                prompt += out + 1 + rnd.nextInt(15); // the next round carries this one's output
            }
        } else {
            int blockTokens = 8;
            for (int i = 0; i < rounds; i++) {
                int system = rnd.nextInt(3);
                int shared = 1 + rnd.nextInt(5);
                int own = rnd.nextInt(4);
                int prompt = (shared + own) * blockTokens + rnd.nextInt(blockTokens);
                long[] ids = new long[shared + own + 1]; // the last, partial block is named but never cached
                for (int k = 0; k < ids.length; k++) {
                    ids[k] = k < shared ? 1000L * (system + 1) + k : rnd.nextInt(8) == 0 ? 0 : (pid + 1) * 1_000_000L + 100L * i + k;
                }
                calls.add(new LlmCall(prompt, 1 + rnd.nextInt(25), rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(10) : 0,
                        new Prefix.Blocks(blockTokens, ids)));
                if (rnd.nextInt(3) == 0) {
                    calls.add(new ToolCall("t", rnd.nextLong(5_000_000)));
                }
            }
        }
        return calls;
    }

    /** Agents with their syscalls, arrivals bunched so that calls overlap. */
    static List<AgentArrival> agents(long seed, boolean withPrefixes) {
        SplittableRandom rnd = new SplittableRandom(seed * 104_729);
        List<AgentArrival> agents = new ArrayList<>();
        long t = 0;
        int n = 30 + rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(3) > 0) {
                t += rnd.nextLong(6_000_000);
            }
            List<Syscall> calls = program(rnd.split(), i);
            if (!withPrefixes) {
                calls = calls.stream().map(c -> c instanceof LlmCall l
                        ? (Syscall) new LlmCall(l.promptTokens(), l.outputTokens(), l.maxTokens()) : c).toList();
            }
            agents.add(new AgentArrival(t, new AgentProcess(i, "a" + i, rnd.nextInt(3), 1, "g",
                    Harness.script(calls.toArray(Syscall[]::new)))));
        }
        return agents;
    }

    static KernelConfig cluster(long seed, PreemptionMode mode, String packing, boolean cache) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + mode.ordinal());
        int slots = 1 + rnd.nextInt(6);
        long kv = 90 + rnd.nextInt(250); // tight: evictions and preemptions happen, some calls never fit
        long hostSwap = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(3000);
        CostModel cost = rnd.nextBoolean() ? new ConstantCostModel(1_000_000)
                : s -> 200_000 + 1_000 * s.prefillTokens() + 20_000L * s.decodeTokens() + s.decodeContextTokens();
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(kv).kvBytesPerToken(1 + rnd.nextInt(32))
                .preemption(mode).hostSwapBytes(hostSwap).pcieBytesPerSec(1e6 + rnd.nextInt(1_000_000))
                .costModel(Packings.counting(cost, seen)).prefixCache(cache).packing(Packings.of(packing, slots, seed)).build();
        int engines = 1 + rnd.nextInt(2);
        return new KernelConfig(Collections.nCopies(engines, e), rnd.nextBoolean() ? "round-robin" : "least-loaded",
                rnd.nextInt(3), 0, 0);
    }

    @AfterAll
    static void everySituationWasExercised() {
        assertThat(seen).containsKeys("hit-tokens", "evictions", "preemptions", "swap-outs", "recomputes",
                "swap-resume-recomputed", "full-hits", "rejected", "chunk-steps");
        assertThat(seen).allSatisfy((k, v) -> assertThat(v).as(k).isPositive());
    }

    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @MethodSource("runs")
    void accountingHoldsWithSharedBlocks(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        Harness h = new Harness();
        List<AgentArrival> agents = agents(seed, true);
        long horizon = seed % 4 == 0 || Packings.mayStarve(packing, seed) ? 120_000_000L : Long.MAX_VALUE;
        RunMetrics m = h.run(cluster(seed, mode, packing, true), policy.factory(), agents, horizon);

        Set<Long> ids = new HashSet<>();
        h.calls.forEach(c -> assertThat(ids.add(c.callId())).isTrue());
        assertThat((long) h.calls.size()).isEqualTo(m.llmSubmitted());
        assertThat(m.llmCompleted() + m.llmUnfinished() + m.llmRejected()).isEqualTo(m.llmSubmitted());
        if (horizon == Long.MAX_VALUE) {
            assertThat(m.llmUnfinished()).isZero();
            assertThat(m.agentsFinished()).isEqualTo(agents.size());
        }
        for (CallRecord c : h.calls) {
            if (c.status() == CallStatus.COMPLETED) {
                assertThat(c.generatedTokens()).isEqualTo(c.outputTokens());
                assertThat(c.swappedInBytes()).as("call %d", c.callId()).isEqualTo(c.swappedOutBytes());
            } else {
                assertThat(c.swappedInBytes()).isLessThanOrEqualTo(c.swappedOutBytes());
            }
            if (mode == PreemptionMode.RECOMPUTE) {
                assertThat(c.swappedOutBytes()).isZero();
            }
            assertThat(c.prefixHitTokens()).isNotNegative();
        }
        EngineStats total = m.engineTotals();
        assertThat(h.calls.stream().mapToLong(CallRecord::prefixHitTokens).sum()).isEqualTo(total.hitTokens());
        assertThat(total.hitTokens()).isLessThanOrEqualTo(total.lookupTokens());
        // at most one hit token per lookup is prefilled again (a fully cached context still computes its logits)
        assertThat(total.prefillTokensSaved()).isBetween(total.hitTokens() - total.lookups(), total.hitTokens());
        assertThat(m.snapshots().recomputedTokens()).isEqualTo(h.calls.stream().mapToLong(CallRecord::recomputedTokens).sum());
        assertThat(m.snapshots().bytesIn()).isEqualTo(h.calls.stream().mapToLong(CallRecord::swappedInBytes).sum());
        assertThat(total.preemptions()).isEqualTo(m.preemptions());
        assertThat(total.steps()).isEqualTo(m.steps());

        seen.merge("hit-tokens", total.hitTokens(), Long::sum);
        seen.merge("full-hits", total.hitTokens() - total.prefillTokensSaved(), Long::sum);
        seen.merge("evictions", total.evictedBlocks(), Long::sum);
        seen.merge("preemptions", m.preemptions(), Long::sum);
        seen.merge("swap-outs", m.snapshots().swapOuts(), Long::sum);
        seen.merge("recomputes", m.snapshots().recomputes(), Long::sum);
        seen.merge("rejected", m.llmRejected(), Long::sum);
        if (mode == PreemptionMode.SWAP && m.snapshots().recomputes() == 0) {
            // no snapshot fell back to recompute: every recomputed token re-made a block of a swapped
            // call that was evicted while it waited
            seen.merge("swap-resume-recomputed", m.snapshots().recomputedTokens(), Long::sum);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @MethodSource("determinismRuns")
    void sameSeedSameRowsAndCacheOffIgnoresPrefixes(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        List<CallRecord> on = rows(policy, mode, packing, seed, true, true);
        assertThat(rows(policy, mode, packing, seed, true, true)).isEqualTo(on);
        List<CallRecord> offWithPrefixes = rows(policy, mode, packing, seed, false, true);
        List<CallRecord> offWithout = rows(policy, mode, packing, seed, false, false);
        assertThat(offWithPrefixes).isEqualTo(offWithout);
        assertThat(offWithPrefixes).allSatisfy(c -> assertThat(c.prefixHitTokens()).isZero());
        // the cache on, with nothing named, changes nothing either
        assertThat(rows(policy, mode, packing, seed, true, false)).isEqualTo(offWithout);
    }

    private static List<CallRecord> rows(PolicySample policy, PreemptionMode mode, String packing, long seed,
                                         boolean cache, boolean prefixes) {
        Harness h = new Harness();
        h.run(cluster(seed, mode, packing, cache), policy.factory(), agents(seed, prefixes),
                Packings.mayStarve(packing, seed) ? 120_000_000L : Long.MAX_VALUE);
        return h.callsById();
    }
}
