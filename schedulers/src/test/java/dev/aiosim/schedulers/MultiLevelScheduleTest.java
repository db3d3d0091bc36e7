package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static dev.aiosim.schedulers.Harness.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.schedulers.mlfq.SkipJoinRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed schedules of the multi-level policies (mlfq, plas, atlas) with a constant 1 ms
 * step (each step gives every running call one token; a prefill, fresh or recomputed, also gives
 * one) and recompute preemption. Service is counted at step boundaries: a call admitted at t has
 * 1 ms of service at t + 1 ms. With the constant cost model every prefill takes 1 ms, so skip-join
 * puts every new call at the first level whose quantum is at least 1 ms.
 */
class MultiLevelScheduleTest {

    private static List<CallRecord> run(String policy, Map<String, String> params, int slots, List<AgentArrival> agents) {
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(slots, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy(policy, params), agents, Long.MAX_VALUE);
        return h.callsById();
    }

    private static final Map<String, String> MLFQ = Map.of("levels", "3", "quantum", "1ms", "growth", "2", "starvation", "1s");

    @Test
    void mlfqDemotesAfterEachQuantumAndNewCallsPreemptDemotedOnes() {
        // quanta 1, 2 ms, unbounded. A (10, 6) at 0 enters level 0 (prefill 1 ms <= 1 ms); at 1 ms it has
        // used its quantum: level 1, and B (arrived 0.5 ms, level 0) preempts it. At 2 ms B is at level
        // 1 too: no preemption, B ends at 3. A resumes at 3 (re-prefill, token 2 at 4, token 3 at 5);
        // at 5 it has used level 1's 2 ms: level 2, and C (arrived 4.5 ms) preempts it; C ends at 6.
        // A resumes at 6: tokens 4, 5, 6 at 7, 8, 9.
        List<CallRecord> c = run("mlfq", MLFQ, 1, List.of(agent(0, 0, 0, new LlmCall(10, 6)),
                agent(1, MS / 2, 0, new LlmCall(10, 2)), agent(2, 9 * MS / 2, 0, new LlmCall(10, 1))));
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(9 * MS, 3 * MS, 6 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(2, 0, 0);

        List<CallRecord> fifo = run("fifo", Map.of(), 1, List.of(agent(0, 0, 0, new LlmCall(10, 6)),
                agent(1, MS / 2, 0, new LlmCall(10, 2)), agent(2, 9 * MS / 2, 0, new LlmCall(10, 1))));
        assertThat(fifo).extracting(CallRecord::completedAt).containsExactly(6 * MS, 8 * MS, 9 * MS);
    }

    @Test
    void mlfqPromotesACallThatWaitedPastTheStarvationTime() {
        // two levels (1 ms, unbounded). A and B (10, 5) at 0. A runs 0-1, is demoted and preempted by B.
        // Without promotion B runs to the end at 6 and A resumes then: 4 tokens, the last at 10.
        Map<String, String> noPromotion = Map.of("levels", "2", "quantum", "1ms", "starvation", "1s");
        List<CallRecord> c = run("mlfq", noPromotion, 1, twoAtOnce());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(10 * MS, 6 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(1, 0);
        // starvation 2 ms: A, waiting since 1, goes to the top at 3 and preempts B (level 1); B, waiting
        // since 3, goes to the top at 5 and preempts A; A again at 7. A: tokens at 1, 4, 5, 8, 9; B: at
        // 2, 3, 6, 7, then promoted at 9 when A ends: 10.
        c = run("mlfq", Map.of("levels", "2", "quantum", "1ms", "starvation", "2ms"), 1, twoAtOnce());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(9 * MS, 10 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(2, 2);
    }

    /** A and B (10, 5) at 0 (fresh programs: a scripted program runs once). */
    private static List<AgentArrival> twoAtOnce() {
        return List.of(agent(0, 0, 0, new LlmCall(10, 5)), agent(1, 0, 0, new LlmCall(10, 5)));
    }

    /** X: X1 (10, 2), then X2 (10, 3); Y: Y1 (10, 6) at 2.5 ms. */
    private static List<AgentArrival> preemptedSecondCall() {
        return List.of(agent(0, 0, 0, new LlmCall(10, 2), new LlmCall(10, 3)), agent(1, 5 * MS / 2, 0, new LlmCall(10, 6)));
    }

    @Test
    void skipJoinPlacesANewCallByItsPrefillTime() {
        SkipJoinRule rule = new SkipJoinRule(4, 10 * MS, 2, 1_000 * MS);
        assertThat(List.of(0, 1, 2, 3, 4)).extracting(rule::quantum)
                .containsExactly(10 * MS, 20 * MS, 40 * MS, Long.MAX_VALUE, Long.MAX_VALUE);
        // a prefill of 100 us per prompt token: 50 tokens (5 ms) fit level 0, 150 (15 ms) level 1,
        // 400 (40 ms) level 2, 401 only the last level
        EngineView engine = new EngineView() {
            @Override public int id() { return 0; }
            @Override public int slots() { return 1; }
            @Override public List<? extends CallView> running() { return List.of(); }
            @Override public long kvCapacityTokens() { return 1; }
            @Override public long freeKvTokens() { return 1; }
            @Override public long prefillNanos(int tokens) { return tokens * 100_000L; }
        };
        assertThat(List.of(50, 100, 150, 400, 401, 100_000)).extracting(p -> rule.entryLevel(prompt(p), engine))
                .containsExactly(0, 0, 1, 2, 3, 3);
    }

    private static CallView prompt(int tokens) {
        return new CallView() {
            @Override public long id() { return 0; }
            @Override public long agentPid() { return 0; }
            @Override public int priority() { return 0; }
            @Override public double weight() { return 1; }
            @Override public String group() { return "g"; }
            @Override public int promptTokens() { return tokens; }
            @Override public int maxTokens() { return 0; }
            @Override public int generatedTokens() { return 0; }
            @Override public long submittedAt() { return 0; }
            @Override public long enqueuedAt() { return 0; }
            @Override public long admittedAt() { return -1; }
            @Override public int tokensSinceAdmitted() { return 0; }
            @Override public int preemptions() { return 0; }
            @Override public boolean hasSnapshot() { return false; }
            @Override public int oracleOutputTokens() { throw new UnsupportedOperationException(); }
        };
    }

    /** X: X1 (10, 3), then X2 (10, 2); Y: Y1 (10, 2) at 3.5 ms. */
    private static List<AgentArrival> secondCallOfABusyProgram() {
        return List.of(agent(0, 0, 0, new LlmCall(10, 3), new LlmCall(10, 2)), agent(1, 7 * MS / 2, 0, new LlmCall(10, 2)));
    }

    @Test
    void plasRanksACallByWhatItsProgramAlreadyReceived() {
        // queues [0, 3 ms), [3 ms, inf). X1 runs 0-3: X has 3 ms of service, so X2 (at 3) enters queue 1;
        // alone, it is admitted. Y1 (at 3.5, a new program: queue 0) preempts it at 4 and ends at 6;
        // X2 resumes (token 2 at 7). fifo: X2 3-5, Y1 5-7.
        List<CallRecord> c = run("plas", Map.of("queues", "2", "first", "3ms", "beta", "off"), 1, secondCallOfABusyProgram());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(3 * MS, 7 * MS, 6 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(0, 1, 0);
        // mlfq ranks calls, not programs: X2 is a new call at level 0 and is not preempted
        c = run("mlfq", Map.of("levels", "2", "quantum", "5ms"), 1, secondCallOfABusyProgram());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(3 * MS, 5 * MS, 7 * MS);
    }

    @Test
    void plasPromotesACallWhoseProgramWaitedBetaTimesItsService() {
        // queues [0, 2 ms), [2 ms, inf). X1 (10, 2) runs 0-2; X2 (10, 3) enters queue 1 at 2 and runs;
        // Y1 (10, 6) at 2.5 preempts it at 3. Without anti-starvation Y1 runs to 9 and X2 ends at 11.
        List<CallRecord> c = run("plas", Map.of("queues", "2", "first", "2ms", "beta", "off"), 1, preemptedSecondCall());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(2 * MS, 11 * MS, 9 * MS);
        // beta 1: X has waited 0 and been served 3 ms when X2 is preempted at 3, so X2 goes to the top at 6
        // and preempts Y1 (queue 1 since 5); placed by its own service since then, it stays on top and
        // ends at 8 (re-prefill token 2 at 7, token 3 at 8); Y1 resumes at 8 with 3 tokens left: 11.
        c = run("plas", Map.of("queues", "2", "first", "2ms", "beta", "1"), 1, preemptedSecondCall());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(2 * MS, 8 * MS, 11 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(0, 1, 1);
    }

    /** X: a fan-out of two (10, 2) calls, then X2 (10, 2); Y1 and Z1 (10, 3) at 2.5 ms; two slots. */
    private static List<AgentArrival> afterAFanOut() {
        return List.of(agent(0, 0, 0, new FanOut(List.of(new LlmCall(10, 2), new LlmCall(10, 2))), new LlmCall(10, 2)),
                agent(1, 5 * MS / 2, 0, new LlmCall(10, 3)), agent(2, 5 * MS / 2, 0, new LlmCall(10, 3)));
    }

    @Test
    void atlasCountsAFanOutByItsLongestCallWherePlasCountsThemAll() {
        // queues [0, 4 ms), [4 ms, inf). The fan-out runs 0-2 in both slots; X2 is admitted at 2.
        // plas: X has 2 + 2 = 4 ms of service, X2 is in queue 1 and Z1 preempts it at 3 (Y1 takes the free
        // slot); Y1 and Z1 end at 6, X2 resumes and ends at 7.
        List<CallRecord> c = run("plas", Map.of("queues", "2", "first", "4ms", "beta", "off"), 2, afterAFanOut());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(2 * MS, 2 * MS, 7 * MS, 6 * MS, 6 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(0, 0, 1, 0, 0);
        // atlas: X's critical path is 2 ms, so X2 is in queue 0 (3 ms with its own service at 3) and keeps
        // its slot; it ends at 4, when Z1 gets the slot: 4-7.
        c = run("atlas", Map.of("queues", "2", "first", "4ms", "beta", "off"), 2, afterAFanOut());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(2 * MS, 2 * MS, 4 * MS, 6 * MS, 7 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsOnly(0);
    }

    @Test
    void parametersAreRangeChecked() {
        assertThatThrownBy(() -> Harness.policy("mlfq", Map.of("levels", "0")))
                .hasMessage("policy 'mlfq' parameter 'levels': expected a number from 1 to 64, got '0'");
        assertThatThrownBy(() -> Harness.policy("mlfq", Map.of("levels", "2.5")))
                .hasMessage("policy 'mlfq' parameter 'levels': expected a whole number from 1 to 64, got '2.5'");
        assertThatThrownBy(() -> Harness.policy("mlfq", Map.of("growth", "0.5")))
                .hasMessage("policy 'mlfq' parameter 'growth': expected a number from 1 to 1000, got '0.5'");
        assertThatThrownBy(() -> Harness.policy("mlfq", Map.of("quantum", "0s")))
                .hasMessageStartingWith("policy 'mlfq' parameter 'quantum': expected a duration > 0");
        assertThatThrownBy(() -> Harness.policy("plas", Map.of("beta", "never")))
                .hasMessageStartingWith("policy 'plas' parameter 'beta': expected a number from");
        assertThatThrownBy(() -> Harness.policy("atlas", Map.of("first", "-1ms")))
                .hasMessageStartingWith("policy 'atlas' parameter 'first':");
        assertThatThrownBy(() -> Harness.policy("atlas", Map.of("queues", "65")))
                .hasMessage("policy 'atlas' parameter 'queues': expected a number from 1 to 64, got '65'");
    }
}
