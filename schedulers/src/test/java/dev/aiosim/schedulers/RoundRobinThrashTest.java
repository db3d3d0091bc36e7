package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static dev.aiosim.schedulers.Harness.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.process.LlmCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Round robin with a time quantum shorter than the step that re-prefills a resumed call: the
 * quantum counts from admission, so every admission yields one token (AIOS semantics, the
 * default), and the {@code min-tokens} thrash guard. One slot, recompute, steps cost 1 ms plus
 * 0.1 ms per prefilled token: a 20-token prompt takes 3 ms to (re)prefill, longer than the 2 ms
 * quantum (paper-notes/rr-thrash.md).
 */
class RoundRobinThrashTest {
    private static List<CallRecord> twoCalls(Map<String, String> params) {
        Harness h = new Harness();
        EngineConfig engine = EngineConfig.builder().slots(1).kvTokens(1_000).preemption(PreemptionMode.RECOMPUTE)
                .costModel(step -> MS + step.prefillTokens() * (MS / 10)).build();
        h.run(KernelConfig.of(1, engine), Harness.policy("rr", params), List.of(
                agent(0, 0, 0, new LlmCall(20, 4)), agent(1, 0, 0, new LlmCall(20, 4))), Long.MAX_VALUE);
        assertThat(h.calls).extracting(CallRecord::status).containsOnly(CallStatus.COMPLETED);
        return h.callsById();
    }

    @Test
    void aQuantumShorterThanTheRePrefillYieldsOneTokenPerAdmission() {
        // A1 at 3 (prefill 20), B1 at 6, A2 at 9.1 (re-prefill 21), B2 at 12.2, A3 at 15.4 (22),
        // B3 at 18.6, A4 at 21.9 (23), B4 at 25.2: 4 admissions for 4 tokens each
        List<CallRecord> c = twoCalls(Map.of("quantum", "2ms"));
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(3, 3);
        assertThat(c).extracting(CallRecord::recomputedTokens).containsExactly(66L, 66L);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(21_900_000L, 25_200_000L);
    }

    @Test
    void minTokensKeepsAnExpiredCallUntilItHasProgressed() {
        // A1 at 3, A2 at 4, A3 at 5 (3 tokens: now preemptible); B1 8, B2 9, B3 10; A4 at 13.3
        // (re-prefill 23), B4 at 16.6
        List<CallRecord> c = twoCalls(Map.of("quantum", "2ms", "min-tokens", "3"));
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(1, 1);
        assertThat(c).extracting(CallRecord::recomputedTokens).containsExactly(23L, 23L);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(13_300_000L, 16_600_000L);
    }

    @Test
    void theGuardIsOffByDefaultAndValidated() {
        assertThat(twoCalls(Map.of("quantum", "2ms", "min-tokens", "0"))).isEqualTo(twoCalls(Map.of("quantum", "2ms")));
        assertThatThrownBy(() -> Harness.policy("rr", Map.of("min-tokens", "-1")))
                .hasMessage("policy 'rr' parameter 'min-tokens': expected a number of tokens >= 0, got '-1'");
        assertThatThrownBy(() -> Harness.policy("rr", Map.of("min-tokens", "many")))
                .hasMessageContaining("min-tokens");
    }
}
