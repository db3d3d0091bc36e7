package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static dev.aiosim.schedulers.Harness.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.process.LlmCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed schedules with a constant 1 ms step: every step, prefill or decode, gives each
 * running call one token. The expected times below are worked out in the comments.
 */
class ExactScheduleTest {

    private static List<CallRecord> threeCallsOneSlot(String policy, Map<String, String> params, PreemptionMode mode,
                                                      double pcie) {
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, mode, 1, 1_000_000, pcie));
        h.run(cfg, Harness.policy(policy, params), List.of(
                agent(0, 0, 0, new LlmCall(10, 3)),
                agent(1, 0, 0, new LlmCall(10, 3)),
                agent(2, 0, 0, new LlmCall(10, 3))), Long.MAX_VALUE);
        return h.callsById();
    }

    @Test
    void fifoRunsCallsOneAfterAnother() {
        // A: tokens at 1,2,3 ms; B admitted at 3, tokens 4,5,6; C admitted at 6, tokens 7,8,9
        List<CallRecord> c = threeCallsOneSlot("fifo", Map.of(), PreemptionMode.RECOMPUTE, 1e9);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(3 * MS, 6 * MS, 9 * MS);
        assertThat(c).extracting(CallRecord::queueingNanos).containsExactly(0L, 3 * MS, 6 * MS);
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(MS, 4 * MS, 7 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(0, 0, 0);
        assertThat(c).extracting(CallRecord::status).containsOnly(CallStatus.COMPLETED);
    }

    @Test
    void roundRobinQuantumTwoTokensWithRecompute() {
        // A 0-2 (2 tokens, expires, tail), B 2-4, C 4-6, A resumes by re-prefilling 12 tokens: 3rd
        // token at 7; then B at 8, C at 9. Each call preempted once and recomputes 10+2 tokens.
        List<CallRecord> c = threeCallsOneSlot("rr", Map.of("quantum", "2"), PreemptionMode.RECOMPUTE, 1e9);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(7 * MS, 8 * MS, 9 * MS);
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(MS, 3 * MS, 5 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(1, 1, 1);
        assertThat(c).extracting(CallRecord::recomputedTokens).containsExactly(12L, 12L, 12L);
        assertThat(c).extracting(CallRecord::swappedOutBytes).containsExactly(0L, 0L, 0L);
    }

    @Test
    void roundRobinQuantumTwoTokensWithSwapPaysTransferTime() {
        // 1 KV byte per token and 12 bytes per ms of PCIe: a 12-token context takes 1 ms each way.
        // A 1,2 | preempt A (out 1ms) + B prefill: B1 at 4 | B2 at 5 | preempt B (out) + C: C1 at 7 |
        // C2 at 8 | preempt C (out) + A in: 3 ms, A3 at 11 | B in: B3 at 13 | C in: C3 at 15.
        List<CallRecord> c = threeCallsOneSlot("rr", Map.of("quantum", "2"), PreemptionMode.SWAP, 12_000);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(11 * MS, 13 * MS, 15 * MS);
        assertThat(c).extracting(CallRecord::swappedOutBytes).containsExactly(12L, 12L, 12L);
        assertThat(c).extracting(CallRecord::swappedInBytes).containsExactly(12L, 12L, 12L);
        assertThat(c).extracting(CallRecord::recomputedTokens).containsExactly(0L, 0L, 0L);
        assertThat(c).extracting(CallRecord::maxTbtNanos).containsExactly(9 * MS, 8 * MS, 7 * MS);
    }

    @Test
    void roundRobinTimeQuantum() {
        // quantum 2 ms behaves like 2 tokens here since every step takes 1 ms
        List<CallRecord> c = threeCallsOneSlot("rr", Map.of("quantum", "2ms"), PreemptionMode.RECOMPUTE, 1e9);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(7 * MS, 8 * MS, 9 * MS);
    }

    @Test
    void roundRobinDoesNotPreemptWithoutWaiters() {
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("rr", Map.of("quantum", "1")), List.of(agent(0, 0, 0, new LlmCall(5, 6))), Long.MAX_VALUE);
        assertThat(h.calls).singleElement().satisfies(r -> {
            assertThat(r.completedAt()).isEqualTo(6 * MS);
            assertThat(r.preemptions()).isZero();
        });
    }

    @Test
    void roundRobinDoesNotPreemptWhenTheWaiterFitsInAFreeSlot() {
        // two slots; A (5 tokens) from 0, B arrives at 2.5 ms while A's quantum (1 token) has long
        // expired: B takes the free slot and A keeps running
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(2, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("rr", Map.of("quantum", "1")), List.of(
                agent(0, 0, 0, new LlmCall(5, 5)), agent(1, 2_500_000, 0, new LlmCall(5, 2))), Long.MAX_VALUE);
        assertThat(h.calls).extracting(CallRecord::preemptions).containsOnly(0);
        assertThat(h.calls).filteredOn(r -> r.agentPid() == 0).singleElement()
                .satisfies(r -> assertThat(r.completedAt()).isEqualTo(5 * MS));
    }

    @Test
    void priorityPreemptsLowerPriorityCall() {
        // L (prio 0, 4 tokens) from 0; H (prio 1, 2 tokens) arrives at 1.5 ms. At 2 ms L (2 tokens)
        // is preempted, H runs 2-4, L re-prefills 12 tokens and ends at 6 ms.
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("priority", Map.of()), List.of(
                agent(0, 0, 0, new LlmCall(10, 4)),
                agent(1, 3 * MS / 2, 1, new LlmCall(10, 2))), Long.MAX_VALUE);
        List<CallRecord> c = h.callsById();
        assertThat(c.get(0).completedAt()).isEqualTo(6 * MS);
        assertThat(c.get(0).preemptions()).isEqualTo(1);
        assertThat(c.get(0).recomputedTokens()).isEqualTo(12);
        assertThat(c.get(1).completedAt()).isEqualTo(4 * MS);
        assertThat(c.get(1).queueingNanos()).isEqualTo(MS / 2);
        assertThat(c.get(1).preemptions()).isZero();
    }

    @Test
    void fifoDoesNotPreemptForPriority() {
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("fifo", Map.of()), List.of(
                agent(0, 0, 0, new LlmCall(10, 4)),
                agent(1, 3 * MS / 2, 1, new LlmCall(10, 2))), Long.MAX_VALUE);
        List<CallRecord> c = h.callsById();
        assertThat(c.get(0).completedAt()).isEqualTo(4 * MS);
        assertThat(c.get(1).completedAt()).isEqualTo(6 * MS);
    }

    @Test
    void agingLetsALowPriorityCallOvertake() {
        // one slot; a long-running stream of high-priority calls would starve L without aging.
        // With aging 1 ms, L (waiting since 0) is worth priority 0 + 3 at t=3 ms while a fresh H
        // (enqueued at 3) is worth 1, so L is admitted as soon as the running H ends.
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("priority", Map.of("aging", "1ms")), List.of(
                agent(0, 0, 1, new LlmCall(10, 3), new LlmCall(10, 3)),
                agent(1, 0, 0, new LlmCall(10, 1))), Long.MAX_VALUE);
        List<CallRecord> c = h.callsById();
        // call ids: 0 = H's first, 1 = L, 2 = H's second (submitted at 3 ms when its first ends)
        assertThat(c.get(0).completedAt()).isEqualTo(3 * MS);
        assertThat(c.get(1).firstAdmittedAt()).isEqualTo(3 * MS);
        assertThat(c.get(1).completedAt()).isEqualTo(4 * MS);
        assertThat(c.get(2).completedAt()).isEqualTo(7 * MS);

        Harness noAging = new Harness();
        noAging.run(cfg, Harness.policy("priority", Map.of()), List.of(
                agent(0, 0, 1, new LlmCall(10, 3), new LlmCall(10, 3)),
                agent(1, 0, 0, new LlmCall(10, 1))), Long.MAX_VALUE);
        assertThat(noAging.callsById().get(1).firstAdmittedAt()).isEqualTo(6 * MS);
    }

    @Test
    void kvExhaustionPreemptsMostRecentlyAdmitted() {
        // 2 slots, 12 KV tokens. A and B (4 prompt, 4 out) both fit (5 + 5 reserved). After 2 tokens
        // each, KV holds 12 and the next step needs 2 more: B (admitted last) is preempted. A ends at
        // 4 ms; B re-prefills 6 tokens and ends at 6 ms.
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(2, 12, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("fifo", Map.of()), List.of(
                agent(0, 0, 0, new LlmCall(4, 4)),
                agent(1, 0, 0, new LlmCall(4, 4))), Long.MAX_VALUE);
        List<CallRecord> c = h.callsById();
        assertThat(c.get(0).completedAt()).isEqualTo(4 * MS);
        assertThat(c.get(0).preemptions()).isZero();
        assertThat(c.get(1).completedAt()).isEqualTo(6 * MS);
        assertThat(c.get(1).preemptions()).isEqualTo(1);
        assertThat(c.get(1).recomputedTokens()).isEqualTo(6);
        assertThat(h.metrics.snapshots().snapshots()).isEqualTo(1);
    }

    @Test
    void swapFallsBackToRecomputeWhenHostSwapIsFull() {
        // host swap holds 12 bytes: A's snapshot swaps, B's (taken while A's is out) must recompute
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.SWAP, 1, 12, 1e12));
        h.run(cfg, Harness.policy("rr", Map.of("quantum", "2")), List.of(
                agent(0, 0, 0, new LlmCall(10, 3)),
                agent(1, 0, 0, new LlmCall(10, 3)),
                agent(2, 0, 0, new LlmCall(10, 3))), Long.MAX_VALUE);
        assertThat(h.metrics.snapshots().swapFallbacks()).isEqualTo(2);
        assertThat(h.metrics.snapshots().swapOuts()).isEqualTo(1);
        assertThat(h.metrics.snapshots().recomputedTokens()).isEqualTo(24);
        assertThat(h.metrics.snapshots().bytesIn()).isEqualTo(h.metrics.snapshots().bytesOut());
    }

    @Test
    void callsArrivingTogetherShareTheFirstBatch() {
        Harness h = new Harness();
        KernelConfig cfg = KernelConfig.of(1, Harness.constantEngine(4, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
        h.run(cfg, Harness.policy("fifo", Map.of()), List.of(
                agent(0, 0, 0, new LlmCall(10, 2)),
                agent(1, 0, 0, new LlmCall(10, 2)),
                agent(2, 0, 0, new LlmCall(10, 2))), Long.MAX_VALUE);
        assertThat(h.calls).extracting(CallRecord::completedAt).containsOnly(2 * MS);
        assertThat(h.metrics.meanBatch()).isEqualTo(3.0);
    }
}
