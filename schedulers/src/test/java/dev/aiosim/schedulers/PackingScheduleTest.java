package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static dev.aiosim.schedulers.Harness.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.engine.packing.Orca;
import dev.aiosim.kernel.engine.packing.Sarathi;
import dev.aiosim.kernel.engine.packing.StepPacking;
import dev.aiosim.kernel.engine.packing.VllmV0;
import dev.aiosim.kernel.engine.packing.VllmV1;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed schedules of each step packing with a constant 1 ms step (plus swap time): which
 * tokens go in which step, and the TTFT and end-to-end times that follow, worked out in the
 * comments. The cost model records every {@link StepShape} it is asked for, so the tests also
 * check what a cost model sees: prefill tokens, attention pairs ({@code c*k + c(c+1)/2} for a
 * chunk of c tokens after k), decodes with their context, and the calls that sample.
 */
class PackingScheduleTest {
    private final List<StepShape> shapes = new ArrayList<>();

    private EngineConfig.Builder engine(int slots, StepPacking packing) {
        return EngineConfig.builder().slots(slots).kvTokens(1_000).packing(packing).costModel(s -> {
            shapes.add(s);
            return MS;
        });
    }

    private List<CallRecord> run(EngineConfig e, String policy, AgentArrival... agents) {
        return run(e, policy, Map.of(), agents);
    }

    private List<CallRecord> run(EngineConfig e, String policy, Map<String, String> params, AgentArrival... agents) {
        Harness h = new Harness();
        h.run(KernelConfig.of(1, e), Harness.policy(policy, params), List.of(agents), Long.MAX_VALUE);
        return h.callsById();
    }

    /** A (prompt 6, 3 tokens) and B (prompt 5, 2 tokens), both at 0, two slots, FIFO. */
    private List<CallRecord> twoCalls(StepPacking packing) {
        return run(engine(2, packing).build(), "fifo",
                agent(0, 0, 0, new LlmCall(6, 3)), agent(1, 0, 0, new LlmCall(5, 2)));
    }

    @Test
    void orcaPrefillsBothPromptsInTheFirstStep() {
        // step 1 (0-1): A 6 + B 5 prompt tokens, both sample: first tokens at 1 ms
        // step 2 (1-2): decodes A (ctx 7), B (ctx 6): B done at 2 ms; step 3: A (ctx 8) done at 3 ms
        List<CallRecord> c = twoCalls(new Orca());
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(MS, MS);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(3 * MS, 2 * MS);
        assertThat(shapes).containsExactly(
                new StepShape(11, 21 + 15, 0, 0, 2),
                new StepShape(0, 0, 2, 13, 2),
                new StepShape(0, 0, 1, 8, 1));
    }

    @Test
    void vllmV1ChunksPromptsUnderItsBudgetDecodesFirst() {
        // budget 4. step 1 (0-1): A chunk 4 (pairs 0*4 + 10), B nothing; nobody samples
        // step 2 (1-2): A's last 2 (pairs 2*4 + 3 = 11, samples: TTFT 2 ms), B 2 (pairs 3)
        // step 3 (2-3): A decodes (ctx 7), B's last 3 (pairs 3*2 + 6 = 12, samples: TTFT 3 ms)
        // step 4 (3-4): A (ctx 8) and B (ctx 6) decode: A's 3rd and B's 2nd token, both done at 4 ms
        List<CallRecord> c = twoCalls(new VllmV1(4));
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(2 * MS, 3 * MS);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(4 * MS, 4 * MS);
        assertThat(c).extracting(CallRecord::maxTbtNanos).containsExactly(MS, MS);
        assertThat(shapes).containsExactly(
                new StepShape(4, 10, 0, 0, 0),
                new StepShape(4, 14, 0, 0, 1),
                new StepShape(3, 12, 1, 7, 2),
                new StepShape(0, 0, 2, 14, 2));
    }

    @Test
    void vllmV0StallsDecodesWhilePromptsWait() {
        // budget 8. step 1 (0-1): prefill-only, A's whole 6 (pairs 21); B's 5 do not fit in the 2
        // left: A's first token at 1 ms. step 2 (1-2): B still waits for its prefill, so the step is
        // prefill-only again: B's 5 (pairs 15), A stalls; B's first token at 2 ms.
        // step 3 (2-3): decode-only, A (ctx 7) and B (ctx 6): B done at 3 ms; step 4: A done at 4 ms.
        // A's tokens at 1, 3, 4 ms: its largest gap is the 2 ms stall.
        List<CallRecord> c = twoCalls(new VllmV0(8));
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(MS, 2 * MS);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(4 * MS, 3 * MS);
        assertThat(c).extracting(CallRecord::maxTbtNanos).containsExactly(2 * MS, MS);
        assertThat(shapes).containsExactly(
                new StepShape(6, 21, 0, 0, 1),
                new StepShape(5, 15, 0, 0, 1),
                new StepShape(0, 0, 2, 13, 2),
                new StepShape(0, 0, 1, 8, 1));
    }

    @Test
    void sarathiPiggybacksDecodesOnItsFixedChunk() {
        // chunk 3. step 1 (0-1): A 3 (pairs 6). step 2 (1-2): A's last 3 (pairs 3*3 + 6 = 15): TTFT 2 ms
        // step 3 (2-3): A decodes (ctx 7) + B 2 (pairs 3). step 4 (3-4): A decodes (ctx 8): done at 4 ms,
        // + B 2 (pairs 2*2 + 3 = 7). step 5 (4-5): B's last 1 (pairs 4 + 1 = 5): TTFT 5 ms.
        // step 6 (5-6): B decodes (ctx 6): done at 6 ms.
        List<CallRecord> c = twoCalls(new Sarathi(3));
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(2 * MS, 5 * MS);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(4 * MS, 6 * MS);
        assertThat(shapes).containsExactly(
                new StepShape(3, 6, 0, 0, 0),
                new StepShape(3, 15, 0, 0, 1),
                new StepShape(2, 3, 1, 7, 1),
                new StepShape(2, 7, 1, 8, 1),
                new StepShape(1, 5, 0, 0, 1),
                new StepShape(0, 0, 1, 6, 1));
    }

    /** L (priority 0, prompt 12, 2 tokens) at 0 and H (priority 1, prompt 2, 1 token) at 1.5 ms, one slot, vllm-v1 budget 4. */
    private List<CallRecord> preemptedMidPrefill(PreemptionMode mode) {
        EngineConfig e = engine(1, new VllmV1(4)).preemption(mode).kvBytesPerToken(1).hostSwapBytes(1_000)
                .pcieBytesPerSec(8_000).build(); // 8 bytes of KV move in 1 ms
        return run(e, "priority", agent(0, 0, 0, new LlmCall(12, 2)), agent(1, 3 * MS / 2, 1, new LlmCall(2, 1)));
    }

    @Test
    void aCallPreemptedMidPrefillRecomputesFromZero() {
        // L: chunks 4 (0-1) and 4 (1-2). At 2 ms H preempts it with 8 of 12 tokens prefilled.
        // H: 2 tokens (2-3), its only token at 3 ms. L again from zero: 4 (3-4), 4 (4-5), 4 (5-6):
        // first token at 6 ms, second at 7 ms. The 8 tokens it had prefilled are recomputed.
        List<CallRecord> c = preemptedMidPrefill(PreemptionMode.RECOMPUTE);
        assertThat(c.get(0).ttftNanos()).isEqualTo(6 * MS);
        assertThat(c.get(0).completedAt()).isEqualTo(7 * MS);
        assertThat(c.get(0).preemptions()).isEqualTo(1);
        assertThat(c.get(0).recomputedTokens()).isEqualTo(8);
        assertThat(c.get(1).completedAt()).isEqualTo(3 * MS);
        assertThat(shapes).extracting(StepShape::prefillTokens).containsExactly(4L, 4L, 2L, 4L, 4L, 4L, 0L);
    }

    @Test
    void aCallSwappedOutMidPrefillResumesWithItsRemainingChunk() {
        // L: chunks 4 (0-1) and 4 (1-2); at 2 ms H preempts it and its 8 prefilled tokens (8 B)
        // are swapped out: 1 ms more on H's step (2-4): H's token at 4 ms. L swaps its 8 tokens back
        // in (1 ms) with its last chunk of 4 (pairs 4*8 + 10 = 42) in the step 4-6: first token at
        // 6 ms, second at 7 ms; nothing recomputed.
        List<CallRecord> c = preemptedMidPrefill(PreemptionMode.SWAP);
        assertThat(c.get(0).ttftNanos()).isEqualTo(6 * MS);
        assertThat(c.get(0).completedAt()).isEqualTo(7 * MS);
        assertThat(c.get(0).swappedOutBytes()).isEqualTo(8);
        assertThat(c.get(0).swappedInBytes()).isEqualTo(8);
        assertThat(c.get(0).recomputedTokens()).isZero();
        assertThat(c.get(1).completedAt()).isEqualTo(4 * MS);
        assertThat(shapes).containsExactly(
                new StepShape(4, 10, 0, 0, 0),
                new StepShape(4, 26, 0, 0, 0),
                new StepShape(2, 3, 0, 0, 1),
                new StepShape(4, 42, 0, 0, 1),
                new StepShape(0, 0, 1, 13, 1));
    }

    @Test
    void prefixHitsShortenTheChunks() {
        // one slot, vllm-v1 budget 4, blocks of 4 tokens. A (prompt 8 = blocks 1, 2; 1 token) at 0:
        // chunks 4 (0-1, pairs 10) and 4 (1-2, pairs 4*4 + 10 = 26), done at 2 ms; its blocks stay cached.
        // B (prompt 11 = blocks 1, 2 + 3 tokens; 1 token) at 0 waits for the slot; admitted at 2 ms
        // it hits 8 tokens and prefills only 3 (pairs 3*8 + 6 = 30) in one step: done at 3 ms.
        EngineConfig e = engine(1, new VllmV1(4)).prefixCache(true).build();
        Prefix shared = new Prefix.Blocks(4, new long[] {1, 2});
        List<CallRecord> c = run(e, "fifo", agent(0, 0, 0, new LlmCall(8, 1, 0, shared)),
                agent(1, 0, 0, new LlmCall(11, 1, 0, shared)));
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(2 * MS, 3 * MS);
        assertThat(c).extracting(CallRecord::prefixHitTokens).containsExactly(0L, 8L);
        assertThat(shapes).containsExactly(
                new StepShape(4, 10, 0, 0, 0),
                new StepShape(4, 26, 0, 0, 1),
                new StepShape(3, 30, 0, 0, 1));
    }
    @Test
    void rrWithATimeQuantumShorterThanAChunkedPrefillStillFinishes() {
        // One slot, budget 4, 1 ms steps, rr quantum 1 ms, recompute. A (prompt 10, 2 tokens) and
        // B (prompt 10, 2 tokens) at 0: A's prompt takes 3 chunk steps (4, 4, 2), so its quantum
        // expires after the first chunk while B waits. Without rr's progress guard A would be
        // preempted before its first token on every admission and restart from zero forever (then
        // B, then A, ...); with it each admission runs until a token: A prefills in steps 1-3
        // (first token at 3 ms), is preempted for B, B prefills in 4-6 (token at 6 ms), and so on.
        EngineConfig e = engine(1, new VllmV1(4)).preemption(PreemptionMode.RECOMPUTE).build();
        List<CallRecord> c = run(e, "rr", Map.of("quantum", "1ms"),
                agent(0, 0, 0, new LlmCall(10, 2)), agent(1, 0, 0, new LlmCall(10, 2)));
        assertThat(c).extracting(CallRecord::outputTokens).containsExactly(2, 2);
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(3 * MS, 6 * MS);
        // A re-prefills 11 tokens (4, 4, 3) in 6-9 ms: done at 9 ms; B likewise in 9-12 ms
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(9 * MS, 12 * MS);
        assertThat(c).extracting(CallRecord::preemptions).containsExactly(1, 1);
    }
}
