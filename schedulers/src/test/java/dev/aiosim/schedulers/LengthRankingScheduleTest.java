package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static dev.aiosim.schedulers.Harness.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.LlmCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed schedules of {@code sjf} and {@code srpt} with a constant 1 ms step on one slot:
 * every step, prefill or decode, gives the running call one token. Times are worked out in the
 * comments.
 */
class LengthRankingScheduleTest {

    private static List<CallRecord> run(String policy, Map<String, String> params, List<AgentArrival> agents) {
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy(policy, params), agents, Long.MAX_VALUE);
        return h.callsById();
    }

    /** Outputs 5, 1 and 3 tokens (10-token prompts), all at 0 ms. */
    private static List<AgentArrival> fiveOneThree() {
        return List.of(agent(0, 0, 0, new LlmCall(10, 5)), agent(1, 0, 0, new LlmCall(10, 1)),
                agent(2, 0, 0, new LlmCall(10, 3)));
    }

    @Test
    void sjfOracleRunsShortestFirst() {
        // B (1 token) 0-1, C (3) 1-4, A (5) 4-9: mean completion 4.67 ms against fifo's 6.33 (5, 6, 9)
        List<CallRecord> c = run("sjf", Map.of("flavour", "oracle"), fiveOneThree());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(9 * MS, MS, 4 * MS);
        assertThat(c).extracting(CallRecord::queueingNanos).containsExactly(4 * MS, 0L, MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(0, 0, 0);
        assertThat(run("fifo", Map.of(), fiveOneThree())).extracting(CallRecord::completedAt)
                .containsExactly(5 * MS, 6 * MS, 9 * MS);
    }

    @Test
    void srptOracleWithEverythingQueuedTogetherIsSjf() {
        assertThat(run("srpt", Map.of("flavour", "oracle"), fiveOneThree())).extracting(CallRecord::completedAt)
                .containsExactly(9 * MS, MS, 4 * MS);
    }

    @Test
    void noisyPredictorWithoutErrorIsTheOracle() {
        assertThat(run("sjf", Map.of("predictor", "noisy", "error", "0"), fiveOneThree()))
                .extracting(CallRecord::completedAt).containsExactly(9 * MS, MS, 4 * MS);
    }

    /** A: 6 output tokens at 0 ms; B: 2 output tokens at 1.5 ms. */
    private static List<AgentArrival> longThenShort() {
        return List.of(agent(0, 0, 0, new LlmCall(10, 6)), agent(1, 3 * MS / 2, 0, new LlmCall(10, 2)));
    }

    @Test
    void srptPreemptsALongCallForAShortArrival() {
        // A tokens at 1, 2; at 2 ms A has 4 left, B 2: A is preempted (recompute), B runs 2-4;
        // A re-prefills its 10 + 2 tokens (third token at 5) and ends at 8.
        List<CallRecord> c = run("srpt", Map.of("flavour", "oracle"), longThenShort());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(8 * MS, 4 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(1, 0);
        assertThat(c).extracting(CallRecord::recomputedTokens).containsExactly(12L, 0L);
        assertThat(c).extracting(CallRecord::queueingNanos).containsExactly(0L, MS / 2);
    }

    @Test
    void sjfDoesNotPreemptTheRunningCall() {
        // A runs 0-6, B 6-8
        List<CallRecord> c = run("sjf", Map.of("flavour", "oracle"), longThenShort());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(6 * MS, 8 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(0, 0);
    }

    @Test
    void srptMarginIsAStrictBound() {
        // at 2 ms A has 4 left and B 2: a gain of 2 tokens. Margin 1 preempts; margin 2 does not (A 0-6, B 6-8)
        assertThat(run("srpt", Map.of("flavour", "oracle", "margin", "1"), longThenShort()))
                .extracting(CallRecord::completedAt).containsExactly(8 * MS, 4 * MS);
        List<CallRecord> c = run("srpt", Map.of("flavour", "oracle", "margin", "2"), longThenShort());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(6 * MS, 8 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(0, 0);
    }

    /** Agent 0: two calls of 4 tokens, one after the other; agent 1: two of 1; agent 2: one of 3. All at 0 ms. */
    private static List<AgentArrival> twoAgentsTwiceOneOnce() {
        return List.of(
                agent(0, 0, 0, new LlmCall(10, 4), new LlmCall(10, 4)),
                agent(1, 0, 0, new LlmCall(10, 1), new LlmCall(10, 1)),
                agent(2, 0, 0, new LlmCall(10, 3)));
    }

    @Test
    void historyPredictorLearnsAnAgentsLength() {
        // Prior 100: a1, b1, c1 all rank 100 and go in submission order. a1 (4 tokens) runs 0-4;
        // agent 0's mean is now 4, so a2, submitted at 4, ranks 4 and jumps ahead: 4-8. Then b1
        // 8-9; b2 (agent 1's mean 1) ranks 1: 9-10; c1 last: 10-13.
        List<CallRecord> c = new ArrayList<>(run("sjf", Map.of("prior", "100"), twoAgentsTwiceOneOnce()));
        c.sort(Comparator.comparingLong(CallRecord::agentPid).thenComparingLong(CallRecord::submittedAt));
        assertThat(c).extracting(CallRecord::agentPid).containsExactly(0L, 0L, 1L, 1L, 2L);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(4 * MS, 8 * MS, 9 * MS, 10 * MS, 13 * MS);
        // the oracle: b1 0-1, b2 1-2, c1 2-5, a1 5-9, a2 9-13
        List<CallRecord> o = new ArrayList<>(run("sjf", Map.of("flavour", "oracle"), twoAgentsTwiceOneOnce()));
        o.sort(Comparator.comparingLong(CallRecord::agentPid).thenComparingLong(CallRecord::submittedAt));
        assertThat(o).extracting(CallRecord::completedAt).containsExactly(9 * MS, 13 * MS, MS, 2 * MS, 5 * MS);
    }
}
