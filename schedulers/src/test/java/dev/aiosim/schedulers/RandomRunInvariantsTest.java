package dev.aiosim.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.testing.PolicySamples;
import dev.aiosim.kernel.testing.PolicySamples.PolicySample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md §10 invariants on randomised runs: every registered policy with its defaults and each
 * sample parameter ({@link PolicySamples}), both preemption modes, every step packing, many seeds,
 * agents with parallel fan-outs among them, tight slots, tight KV and small host swap so that
 * preemption, swap fallback and KV victims all happen. The kernel checks slot/KV/swap bounds and virtual time itself and throws on violation;
 * this test checks the end-to-end accounting from the rows it emits.
 */
class RandomRunInvariantsTest {
    /**
     * Every registered policy with its defaults and sample parameters, both preemption modes, seeds
     * 1 to 12, each seed with one of the step packings in turn ({@link Packings}).
     */
    static Stream<Arguments> runs() {
        return runs(12);
    }

    /** The determinism check runs on the first 3 seeds only, which keeps the suite quick. */
    static Stream<Arguments> determinismRuns() {
        return runs(3);
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

    /**
     * The syscalls of a random program of LLM, tool, memory and storage calls, drawn from its own
     * stream; a third of the agents also issue parallel fan-outs of 1 to 5 such calls.
     */
    static List<Syscall> randomCalls(SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(6);
        boolean fans = rnd.nextInt(3) == 0;
        List<Syscall> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (fans && rnd.nextInt(2) == 0) {
                List<Syscall> children = new ArrayList<>();
                for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
                    children.add(randomCall(rnd));
                }
                calls.add(new FanOut(children));
            } else {
                calls.add(randomCall(rnd));
            }
        }
        return calls;
    }

    static Syscall randomCall(SplittableRandom rnd) {
        int kind = rnd.nextInt(10);
        if (kind < 6) {
            return new LlmCall(1 + rnd.nextInt(60), 1 + rnd.nextInt(40), rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(30) : 0);
        } else if (kind < 8) {
            return new ToolCall("t", rnd.nextLong(20_000_000));
        } else if (kind < 9) {
            return new MemoryCall("read", rnd.nextLong(2_000_000));
        }
        return new StorageCall("write", rnd.nextLong(5_000_000));
    }

    /** LLM calls a program of these syscalls submits, fan-out children included. */
    static long llmCalls(List<Syscall> calls) {
        return calls.stream().mapToLong(c -> c instanceof FanOut f ? llmCalls(f.calls()) : c instanceof LlmCall ? 1 : 0).sum();
    }

    static List<AgentArrival> randomAgents(SplittableRandom rnd, int count) {
        return randomAgents(rnd, count, new java.util.HashMap<>());
    }

    /** Random agents; {@code llmByPid} receives each agent's number of LLM calls. */
    static List<AgentArrival> randomAgents(SplittableRandom rnd, int count, Map<Long, Long> llmByPid) {
        List<AgentArrival> agents = new ArrayList<>();
        long fanOuts = 0;
        long t = 0;
        for (int i = 0; i < count; i++) {
            if (rnd.nextInt(3) > 0) {
                t += rnd.nextLong(8_000_000);
            }
            int priority = rnd.nextInt(3);
            int weight = 1 + rnd.nextInt(3);
            List<Syscall> calls = randomCalls(rnd.split());
            agents.add(new AgentArrival(t, new AgentProcess(i, "a" + i, priority, weight, "g",
                    Harness.script(calls.toArray(Syscall[]::new)))));
            llmByPid.put((long) i, llmCalls(calls));
            fanOuts += calls.stream().filter(c -> c instanceof FanOut).count();
        }
        seen.merge("fan-outs", fanOuts, Long::sum);
        return agents;
    }

    static KernelConfig randomCluster(SplittableRandom rnd, PreemptionMode mode, String packing, long seed) {
        int slots = 1 + rnd.nextInt(6);
        long kv = 70 + rnd.nextInt(300); // tight: a few calls at most, and now and then too small for one
        long kvBytes = 1 + rnd.nextInt(64);
        long hostSwap = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(4000);
        CostModel cost = rnd.nextBoolean() ? new ConstantCostModel(1_000_000)
                : s -> 200_000 + 1_000 * s.prefillTokens() + 20_000L * s.decodeTokens() + s.decodeContextTokens();
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(kv).kvBytesPerToken(kvBytes).preemption(mode)
                .hostSwapBytes(hostSwap).pcieBytesPerSec(1e6 + rnd.nextInt(1_000_000))
                .costModel(Packings.counting(cost, seen)).packing(Packings.of(packing, slots, seed)).build();
        int engines = 1 + rnd.nextInt(3);
        return new KernelConfig(java.util.Collections.nCopies(engines, e), rnd.nextBoolean() ? "round-robin" : "least-loaded",
                rnd.nextInt(3), rnd.nextInt(2), 0);
    }

    private static final Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();

    /** The random runs must actually reach the situations the invariants are about. */
    @AfterAll
    static void everySituationWasExercised() {
        assertThat(seen).containsKeys("fan-outs", "preemptions", "swap-outs", "swap-fallbacks", "recomputes", "rejected", "unfinished",
                "chunk-steps");
        assertThat(seen).allSatisfy((k, v) -> assertThat(v).as(k).isPositive());
    }

    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @MethodSource("runs")
    void accountingHolds(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 7919 + mode.ordinal());
        KernelConfig cluster = randomCluster(rnd, mode, packing, seed);
        Map<Long, Long> llmByPid = new java.util.HashMap<>();
        List<AgentArrival> agents = randomAgents(rnd, 40 + rnd.nextInt(40), llmByPid);
        long horizon = seed % 3 == 0 || Packings.mayStarve(packing, seed) ? 150_000_000L : Long.MAX_VALUE;
        Harness h = new Harness();
        RunMetrics m = h.run(cluster, policy.factory(), agents, horizon);

        // every submitted call is reported exactly once: completed, unfinished or rejected
        Set<Long> ids = new HashSet<>();
        for (CallRecord c : h.calls) {
            assertThat(ids.add(c.callId())).as("call %d reported twice", c.callId()).isTrue();
        }
        assertThat((long) h.calls.size()).isEqualTo(m.llmSubmitted());
        assertThat(m.llmCompleted() + m.llmUnfinished() + m.llmRejected()).isEqualTo(m.llmSubmitted());
        if (horizon == Long.MAX_VALUE) {
            assertThat(m.llmUnfinished()).isZero();
            assertThat(m.agentsFinished()).isEqualTo(agents.size());
            assertThat(m.otherCompleted()).isEqualTo(m.otherSubmitted());
            // every program ran to its end: each agent submitted all its LLM calls, fan-out children included
            assertThat(h.agents).allSatisfy(a -> assertThat((long) a.llmCalls()).as("agent %d", a.pid())
                    .isEqualTo(llmByPid.get(a.pid())));
        }
        long asked = 0;
        long served = 0;
        for (CallRecord c : h.calls) {
            if (c.status() == CallStatus.COMPLETED) {
                // output tokens served = tokens asked; times ordered; swap bytes balanced
                assertThat(c.generatedTokens()).isEqualTo(c.outputTokens());
                assertThat(c.firstAdmittedAt()).isBetween(c.submittedAt(), c.firstTokenAt());
                assertThat(c.completedAt()).isGreaterThanOrEqualTo(c.firstTokenAt());
                assertThat(c.swappedInBytes()).isEqualTo(c.swappedOutBytes());
                asked += c.outputTokens();
                served += c.generatedTokens();
            } else {
                assertThat(c.generatedTokens()).isLessThan(c.outputTokens());
                assertThat(c.swappedInBytes()).isLessThanOrEqualTo(c.swappedOutBytes());
            }
            if (mode == PreemptionMode.RECOMPUTE) {
                assertThat(c.swappedOutBytes()).isZero();
            }
        }
        assertThat(served).isEqualTo(asked).isEqualTo(m.outputTokensServed());
        assertThat(m.snapshots().bytesIn()).isEqualTo(h.calls.stream().mapToLong(CallRecord::swappedInBytes).sum());
        assertThat(m.snapshots().snapshots()).isEqualTo(h.calls.stream().mapToLong(CallRecord::preemptions).sum());
        assertThat((long) h.agents.size()).isEqualTo(m.agentsArrived());
        seen.merge("preemptions", m.preemptions(), Long::sum);
        seen.merge("swap-outs", m.snapshots().swapOuts(), Long::sum);
        seen.merge("swap-fallbacks", m.snapshots().swapFallbacks(), Long::sum);
        seen.merge("recomputes", m.snapshots().recomputes(), Long::sum);
        seen.merge("rejected", m.llmRejected(), Long::sum);
        seen.merge("unfinished", m.llmUnfinished(), Long::sum);
        assertThat(h.agents.stream().map(AgentRecord::pid).distinct().count()).isEqualTo(h.agents.size());
    }

    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @MethodSource("determinismRuns")
    void sameSeedSameRows(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        List<CallRecord> first = rows(policy, mode, packing, seed);
        List<CallRecord> second = rows(policy, mode, packing, seed);
        assertThat(second).isEqualTo(first);
    }

    private static List<CallRecord> rows(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        KernelConfig cluster = randomCluster(rnd, mode, packing, seed);
        List<AgentArrival> agents = randomAgents(rnd, 60);
        Harness h = new Harness();
        h.run(cluster, policy.factory(), agents, Packings.mayStarve(packing, seed) ? 150_000_000L : Long.MAX_VALUE);
        return h.calls;
    }
}
