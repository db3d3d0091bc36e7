package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static dev.aiosim.schedulers.Harness.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.LlmCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed EDF schedules on one slot with a constant 1 ms step (each step gives every running
 * call one token) and recompute preemption (a resumed call re-prefills its context in one step).
 */
class EdfScheduleTest {

    private static List<CallRecord> run(Map<String, String> params, List<AgentArrival> agents) {
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("edf", params), agents, Long.MAX_VALUE);
        return h.callsById();
    }

    /** A (10 prompt, 4 output) at 0, B (10, 2) at 1.5 ms, C (10, 2) at 1.6 ms. */
    private static List<AgentArrival> threeStaggered() {
        return List.of(agent(0, 0, 0, new LlmCall(10, 4)), agent(1, 3 * MS / 2, 0, new LlmCall(10, 2)),
                agent(2, 8 * MS / 5, 0, new LlmCall(10, 2)));
    }

    @Test
    void equalTargetsRunInArrivalOrder() {
        // one e2e target for all: deadlines follow submission, ties by arrival: A 0-4, B 4-6, C 6-8
        List<CallRecord> c = run(Map.of("e2e", "1s"), threeStaggered());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(4 * MS, 6 * MS, 8 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsOnly(0);
    }

    @Test
    void nonPreemptiveTtftWaitsForTheRunningCall() {
        List<CallRecord> c = run(Map.of("ttft", "100ms"), threeStaggered());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(4 * MS, 6 * MS, 8 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsOnly(0);
    }

    @Test
    void preemptiveTtftServesFirstTokensFirstAndThenTheOlderDeadline() {
        // A has its first token at 1 ms: its TTFT deadline is spent (latest possible). At 2 ms B (due
        // 101.5 ms) displaces A (2 tokens). B's first token at 3 ms: at 3 ms C (due 101.6) displaces B
        // (1 token); C runs 3-5. Then A and B both have no deadline left: the tie goes to A (earlier),
        // which re-prefills 12 tokens: tokens 3 and 4 at 6 and 7; B re-prefills 11: token 2 at 8.
        List<CallRecord> c = run(Map.of("ttft", "100ms", "preempt", "true"), threeStaggered());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(7 * MS, 8 * MS, 5 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(1, 1, 0);
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(MS, 3 * MS / 2, 12 * MS / 5);
    }

    @Test
    void preemptiveE2eNeverDisplacesAnEarlierDeadline() {
        // the running A (due at 10 s) is earlier than B and C: nothing is preempted
        List<CallRecord> c = run(Map.of("e2e", "10s", "preempt", "true"), threeStaggered());
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(4 * MS, 6 * MS, 8 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsOnly(0);
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> Harness.policy("edf", Map.of("ttft", "1s", "e2e", "2s")))
                .hasMessage("policy 'edf': give one of 'ttft' and 'e2e', not both");
        assertThatThrownBy(() -> Harness.policy("edf", Map.of("ttft", "0s")))
                .hasMessageStartingWith("policy 'edf' parameter 'ttft': expected a duration > 0");
        assertThatThrownBy(() -> Harness.policy("edf", Map.of("preempt", "yes")))
                .hasMessage("policy 'edf' parameter 'preempt': expected true or false, got 'yes'");
    }
}
