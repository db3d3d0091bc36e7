package dev.aiosim.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.fault.FaultCounters;
import dev.aiosim.kernel.fault.FaultPlan;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.testing.PolicySamples;
import dev.aiosim.kernel.testing.PolicySamples.PolicySample;
import java.util.ArrayList;
import java.util.HashMap;
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
 * DESIGN.md §10 invariants under fault injection, for every registered policy with its samples:
 * random clusters of 2-3 engines that crash at fixed times and from MTBF/MTTR draws, with and
 * without redispatch, host swap lost or kept, LLM calls failing after a number of losses and tool
 * calls failing with retries. Every submitted call ends exactly once (completed, failed, unfinished
 * or rejected), completed calls get all their tokens, swap bytes out = in + lost, and a run with
 * the same seed gives the same rows. The kernel checks slots, KV and host swap at every step.
 * Each seed runs one of the step packings in turn ({@link Packings}), chunked prefills included,
 * so crashes also hit calls mid-prefill, which must start their prefill again when re-admitted.
 */
class FaultRandomRunsTest {
    static Stream<Arguments> runs() {
        return runs(4);
    }

    /** The determinism check runs on the first seed only, which keeps the suite quick. */
    static Stream<Arguments> determinismRuns() {
        return runs(1);
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

    private static final Map<String, Long> seen = new ConcurrentHashMap<>();

    static FaultPlan randomPlan(SplittableRandom rnd, int engines) {
        List<FaultPlan.Crash> crashes = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            crashes.add(new FaultPlan.Crash(rnd.nextInt(engines), rnd.nextLong(200_000_000L), 1 + rnd.nextLong(30_000_000L)));
        }
        boolean mtbf = crashes.isEmpty() || rnd.nextBoolean();
        return new FaultPlan(crashes, mtbf ? 30_000_000L + rnd.nextLong(100_000_000L) : 0, mtbf ? 1 + rnd.nextLong(20_000_000L) : 0,
                rnd.nextInt(3) > 0, rnd.nextBoolean(), rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(3),
                rnd.nextBoolean() ? 0 : rnd.nextDouble() * 0.6, 1 + rnd.nextInt(3), rnd.nextLong(5_000_000L), 1 + rnd.nextDouble());
    }

    private record Run(Harness h, RunMetrics m, FaultPlan plan, long horizon, int agents, Map<Long, Long> llmByPid) {}

    private static Run run(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 104_729 + mode.ordinal());
        KernelConfig one = RandomRunInvariantsTest.randomCluster(rnd, mode, packing, seed);
        KernelConfig cluster = new KernelConfig(java.util.Collections.nCopies(2 + rnd.nextInt(2), one.engines().get(0)),
                one.dispatcher(), one.toolConcurrency(), one.memoryConcurrency(), one.storageConcurrency());
        Map<Long, Long> llmByPid = new HashMap<>();
        List<AgentArrival> agents = RandomRunInvariantsTest.randomAgents(rnd, 30 + rnd.nextInt(30), llmByPid);
        FaultPlan plan = randomPlan(rnd, cluster.engines().size());
        long horizon = seed % 4 == 0 || Packings.mayStarve(packing, seed) ? 120_000_000L : Long.MAX_VALUE;
        Harness h = new Harness();
        Simulation sim = new Simulation(cluster, policy.factory(), Harness.source(agents), h, Slo.NONE, horizon, null);
        sim.kernel().injectFaults(plan, seed);
        RunMetrics m = sim.run();
        return new Run(h, m, plan, horizon, agents.size(), llmByPid);
    }

    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @MethodSource("runs")
    void everyCallIsAccountedFor(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        Run r = run(policy, mode, packing, seed);
        RunMetrics m = r.m();
        FaultCounters f = m.faults();
        Set<Long> ids = new HashSet<>();
        for (CallRecord c : r.h().calls) {
            assertThat(ids.add(c.callId())).as("call %d reported twice", c.callId()).isTrue();
        }
        assertThat((long) r.h().calls.size()).isEqualTo(m.llmSubmitted());
        assertThat(m.llmCompleted() + m.llmUnfinished() + m.llmRejected() + m.llmFailed()).isEqualTo(m.llmSubmitted());
        assertThat(m.llmFailed()).isEqualTo(f.llmFailed);
        assertThat(r.h().calls.stream().filter(c -> c.status() == CallStatus.FAILED).count()).isEqualTo(m.llmFailed());
        if (r.plan().llmMaxLosses() == 0) {
            assertThat(m.llmFailed()).isZero();
        }
        if (!r.plan().failsTools()) {
            assertThat(f.toolAttemptsFailed).isZero();
        }
        assertThat(f.toolFailed + f.toolRetries).isEqualTo(f.toolAttemptsFailed);
        assertThat(f.restarts).isBetween(f.crashes - r.m().engineStats().size(), f.crashes);
        long lostBytes = 0;
        for (CallRecord c : r.h().calls) {
            if (c.status() == CallStatus.COMPLETED) {
                assertThat(c.generatedTokens()).isEqualTo(c.outputTokens());
                assertThat(c.firstAdmittedAt()).isBetween(c.submittedAt(), c.firstTokenAt());
                assertThat(c.completedAt()).isGreaterThanOrEqualTo(c.firstTokenAt());
            } else {
                assertThat(c.generatedTokens()).isLessThan(c.outputTokens());
            }
            assertThat(c.swappedInBytes()).isLessThanOrEqualTo(c.swappedOutBytes());
            lostBytes += c.swappedOutBytes() - c.swappedInBytes();
        }
        if (r.horizon() == Long.MAX_VALUE) {
            assertThat(m.llmUnfinished()).isZero();
            assertThat(m.agentsFinished()).isEqualTo(r.agents());
            assertThat(m.otherCompleted()).isEqualTo(m.otherSubmitted());
            assertThat(r.h().agents).allSatisfy(a -> assertThat((long) a.llmCalls()).as("agent %d", a.pid())
                    .isEqualTo(r.llmByPid().get(a.pid())));
            assertThat(lostBytes).as("swapped out = swapped in + lost in crashes").isEqualTo(f.snapshotBytesLost);
        }
        assertThat(f.recovered).isLessThanOrEqualTo(f.callsLost);
        seen.merge("crashes", f.crashes, Long::sum);
        seen.merge("calls lost", f.callsLost, Long::sum);
        seen.merge("recovered", f.recovered, Long::sum);
        seen.merge("redispatched", f.redispatched, Long::sum);
        seen.merge("snapshots lost", f.snapshotsLost, Long::sum);
        seen.merge("llm failed", f.llmFailed, Long::sum);
        seen.merge("tool retries", f.toolRetries, Long::sum);
        seen.merge("tool failed", f.toolFailed, Long::sum);
        seen.merge("downtime", f.downNanos, Long::sum);
    }

    @AfterAll
    static void everyFaultPathWasExercised() {
        assertThat(seen).allSatisfy((k, v) -> assertThat(v).as(k).isPositive());
        assertThat(seen).hasSize(9);
    }

    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @MethodSource("determinismRuns")
    void sameSeedSameRows(PolicySample policy, PreemptionMode mode, String packing, long seed) {
        Run a = run(policy, mode, packing, seed);
        Run b = run(policy, mode, packing, seed);
        assertThat(b.h().calls).isEqualTo(a.h().calls);
        assertThat(b.m().faults().crashes).isEqualTo(a.m().faults().crashes);
    }
}
