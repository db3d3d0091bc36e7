package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static dev.aiosim.schedulers.Harness.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed schedules with the prefix cache on. Unless said otherwise a step costs 1 ms plus
 * 1 us per prefilled token, so a prefill shortened by n tokens ends n us earlier.
 */
class PrefixCacheScheduleTest {
    private static final long US = 1_000;
    private static final CostModel PER_TOKEN = s -> MS + US * s.prefillTokens();

    private static KernelConfig engine(int slots, long kv, PreemptionMode mode, CostModel cost, boolean cache) {
        return KernelConfig.of(1, EngineConfig.builder().slots(slots).kvTokens(kv).preemption(mode)
                .hostSwapBytes(1_000_000).costModel(cost).prefixCache(cache).build());
    }

    private static Prefix blocks(int blockTokens, long... ids) {
        return new Prefix.Blocks(blockTokens, ids);
    }

    @Test
    void sharedLeadingBlocksShortenTheNextPrefillByExactlyTheirTokens() {
        // 16-token blocks. A (64 tokens: blocks 1,2,3,4) prefills 64: token at 1.064, done at 2.064 ms.
        // B at 5 ms shares blocks 1,2,3 and differs in its 4th: 48 hit tokens, prefills 16: first
        // token at 6.016, done 7.016. C at 10 ms is A's prompt again: all 64 cached, 1 token is
        // prefilled for the logits: first token at 11.001, done 12.001.
        List<LlmCall> calls = List.of(
                new LlmCall(64, 2, 0, blocks(16, 1, 2, 3, 4)),
                new LlmCall(64, 2, 0, blocks(16, 1, 2, 3, 9)),
                new LlmCall(64, 2, 0, blocks(16, 1, 2, 3, 4)));
        Harness h = new Harness();
        h.run(engine(4, 1_000, PreemptionMode.SWAP, PER_TOKEN, true), Harness.policy("fifo", Map.of()), List.of(
                agent(0, 0, 0, calls.get(0)), agent(1, 5 * MS, 0, calls.get(1)), agent(2, 10 * MS, 0, calls.get(2))),
                Long.MAX_VALUE);
        List<CallRecord> c = h.callsById();
        assertThat(c).extracting(CallRecord::ttftNanos).containsExactly(MS + 64 * US, MS + 16 * US, MS + US);
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(2 * MS + 64 * US, 7 * MS + 16 * US, 12 * MS + US);
        assertThat(c).extracting(CallRecord::prefixHitTokens).containsExactly(0L, 48L, 64L);
        EngineStats e = h.metrics.engineStats().get(0);
        assertThat(e.lookups()).isEqualTo(3);
        assertThat(e.lookupBlocks()).isEqualTo(12);
        assertThat(e.lookupTokens()).isEqualTo(192);
        assertThat(e.hitTokens()).isEqualTo(112);
        assertThat(e.prefillTokensSaved()).isEqualTo(48 + 63);
        assertThat(e.prefillTokens()).isEqualTo(64 + 16 + 1);
        assertThat(h.metrics.prefixHitRate()).isEqualTo(112 / 192.0);
        assertThat(e.evictedBlocks()).isZero();

        // the same calls with the cache off: every prefill is the whole prompt
        Harness off = new Harness();
        off.run(engine(4, 1_000, PreemptionMode.SWAP, PER_TOKEN, false), Harness.policy("fifo", Map.of()), List.of(
                agent(0, 0, 0, calls.get(0)), agent(1, 5 * MS, 0, calls.get(1)), agent(2, 10 * MS, 0, calls.get(2))),
                Long.MAX_VALUE);
        assertThat(off.callsById()).extracting(CallRecord::ttftNanos).containsOnly(MS + 64 * US);
        assertThat(off.callsById().get(1).ttftNanos() - c.get(1).ttftNanos()).isEqualTo(48 * US);
        assertThat(off.metrics.prefixHitRate()).isNaN();
    }

    @Test
    void aSessionRoundReusesThePromptAndOutputOfThePreviousRound() {
        // session 7, 16-token blocks. Round 1: prompt 40, 30 tokens out: prefill 40 (first token at
        // 1.040 ms), 29 more steps, done at 30.040 ms with 70 tokens of context: blocks 0-3 (64
        // tokens, two of them made of its own output) are cached. Round 2 (prompt 90 = those 70 +
        // 20 new) hits 64 and prefills 26: first token at 31.066, 4 more steps, done at 35.066 ms.
        // Round 3 is another session: nothing to reuse.
        Prefix session = new Prefix.Session(7, 16);
        Harness h = new Harness();
        h.run(engine(2, 1_000, PreemptionMode.RECOMPUTE, PER_TOKEN, true), Harness.policy("fifo", Map.of()), List.of(
                agent(0, 0, 0, new LlmCall(40, 30, 0, session), new LlmCall(90, 5, 0, session),
                        new LlmCall(90, 1, 0, new Prefix.Session(8, 16)))), Long.MAX_VALUE);
        List<CallRecord> c = h.callsById();
        assertThat(c).extracting(CallRecord::completedAt).containsExactly(30 * MS + 40 * US, 35 * MS + 66 * US,
                36 * MS + 156 * US); // round 3 prefills all 90: done at 35.066 + 1.090
        assertThat(c.get(1).ttftNanos()).isEqualTo(MS + 26 * US);
        assertThat(c).extracting(CallRecord::prefixHitTokens).containsExactly(0L, 64L, 0L);
        // looked up: round 1 has 2 full blocks, rounds 2 and 3 have 5 each
        assertThat(h.metrics.engineTotals().lookupTokens()).isEqualTo((2 + 5 + 5) * 16);
    }

    @Test
    void unreferencedBlocksAreEvictedLeastRecentlyReleasedFirstAndACallsTailBeforeItsHead() {
        // 10-token blocks, 60 KV tokens, one call at a time (one agent). A caches blocks 1,2 and
        // releases 2 then 1; C caches 3,4: LRU order 2,1,4,3 with 40 tokens cached. D (25 tokens, no
        // prefix) needs 26: 40 + 26 > 60, so exactly one block goes: 2. Then G (blocks 1,2) hits 1
        // only, and H (blocks 3,4) hits both.
        Harness h = new Harness();
        h.run(engine(1, 60, PreemptionMode.SWAP, new ConstantCostModel(MS), true), Harness.policy("fifo", Map.of()),
                List.of(agent(0, 0, 0,
                        new LlmCall(20, 1, 0, blocks(10, 1, 2)),
                        new LlmCall(20, 1, 0, blocks(10, 3, 4)),
                        new LlmCall(25, 1),
                        new LlmCall(20, 1, 0, blocks(10, 1, 2)),
                        new LlmCall(20, 1, 0, blocks(10, 3, 4)))), Long.MAX_VALUE);
        assertThat(h.callsById()).extracting(CallRecord::prefixHitTokens).containsExactly(0L, 0L, 0L, 10L, 20L);
        assertThat(h.metrics.prefixEvictions()).isEqualTo(1);

        // D of 35 tokens needs 36: both of A's blocks go, C's stay
        Harness two = new Harness();
        two.run(engine(1, 60, PreemptionMode.SWAP, new ConstantCostModel(MS), true), Harness.policy("fifo", Map.of()),
                List.of(agent(0, 0, 0,
                        new LlmCall(20, 1, 0, blocks(10, 1, 2)),
                        new LlmCall(20, 1, 0, blocks(10, 3, 4)),
                        new LlmCall(35, 1),
                        new LlmCall(20, 1, 0, blocks(10, 3, 4)),
                        new LlmCall(20, 1, 0, blocks(10, 1, 2)))), Long.MAX_VALUE);
        assertThat(two.callsById()).extracting(CallRecord::prefixHitTokens).containsExactly(0L, 0L, 0L, 20L, 0L);
        assertThat(two.metrics.prefixEvictions()).isEqualTo(2);
    }

    private static Harness evictionBeforePreemption(int out) {
        // 10-token blocks, 60 KV tokens, 2 slots. A leaves blocks 1,2 cached (20 tokens). X and Y
        // (10 + out tokens each) arrive at 2 ms: 40 tokens after their prefill, 2 more per step.
        // Before step 11 KV would exceed 60: block 2 is evicted; before step 16 block 1. Only after
        // that can a growing batch force a preemption (before step 21).
        Harness h = new Harness();
        h.run(engine(2, 60, PreemptionMode.RECOMPUTE, PER_TOKEN, true), Harness.policy("fifo", Map.of()), List.of(
                agent(0, 0, 0, new LlmCall(20, 1, 0, blocks(10, 1, 2))),
                agent(1, 2 * MS, 0, new LlmCall(10, out)),
                agent(2, 2 * MS, 0, new LlmCall(10, out))), Long.MAX_VALUE);
        return h;
    }

    @Test
    void cachedBlocksAreEvictedBeforeAnyRunningCallIsPreempted() {
        Harness h = evictionBeforePreemption(20);
        // X and Y prefill 20 tokens together (first tokens at 3.020 ms) and decode 19 more steps
        assertThat(h.callsById().subList(1, 3)).extracting(CallRecord::completedAt).containsOnly(22 * MS + 20 * US);
        assertThat(h.metrics.preemptions()).isZero();
        assertThat(h.metrics.prefixEvictions()).isEqualTo(2);

        Harness longer = evictionBeforePreemption(21);
        assertThat(longer.metrics.prefixEvictions()).isEqualTo(2);
        assertThat(longer.metrics.preemptions()).isEqualTo(1);
        assertThat(longer.callsById().get(2).preemptions()).isEqualTo(1); // Y, admitted last
    }

    private static List<CallRecord> sharedPrefixPair(long... secondIds) {
        // 10-token blocks, 48 KV tokens, 2 slots, 1 ms steps. A (35 tokens, blocks 1,2,3) needs 36
        // and runs from 0. B arrives with A: with nothing cached yet it needs 36 too and waits.
        Harness h = new Harness();
        h.run(engine(2, 48, PreemptionMode.RECOMPUTE, new ConstantCostModel(MS), true), Harness.policy("fifo", Map.of()),
                List.of(agent(0, 0, 0, new LlmCall(35, 3, 0, blocks(10, 1, 2, 3))),
                        agent(1, 0, 0, new LlmCall(35, 3, 0, blocks(10, secondIds)))), Long.MAX_VALUE);
        return h.callsById();
    }

    @Test
    void aSharedBlockTakesKvOnce() {
        // At 1 ms A holds 30 shared + 6 own tokens; B sharing blocks 1,2,3 needs 35 + 1 - 30 = 6 of
        // the 48 - 36 - 1 = 11 free: it runs beside A (tokens at 2, 3, 4 ms) and KV peaks at 45.
        List<CallRecord> shared = sharedPrefixPair(1, 2, 3);
        assertThat(shared).extracting(CallRecord::completedAt).containsExactly(3 * MS, 4 * MS);
        assertThat(shared).extracting(CallRecord::prefixHitTokens).containsExactly(0L, 30L);
        assertThat(shared).extracting(CallRecord::preemptions).containsOnly(0);
        // with other blocks B needs 36 and waits for A to finish at 3 ms
        assertThat(sharedPrefixPair(4, 5, 6)).extracting(CallRecord::completedAt).containsExactly(3 * MS, 6 * MS);
    }

    private static Harness preemptedWithSharedBlocks(PreemptionMode mode) {
        // 10-token blocks, 45 KV tokens, 1 slot, rr with a 2-token quantum. P (25 tokens, blocks 1,2,
        // 4 out) runs 2 tokens (27 context: 20 in blocks, 7 own) and is preempted for Q (30 tokens,
        // no prefix), whose admission evicts block 2 (20 + 31 > 45, 10 + 31 fits). Q runs 2 tokens and
        // is preempted; P resumes: block 1 is still cached, block 2 is made again. Then Q resumes.
        // (When rr preempts P it may count only P's own 7 + 1 tokens as freed, too few for Q: the
        // decision leaves the engine idle, and the second decision round admits Q.)
        Harness h = new Harness();
        h.run(engine(1, 45, mode, new ConstantCostModel(MS), true), Harness.policy("rr", Map.of("quantum", "2")), List.of(
                agent(0, 0, 0, new LlmCall(25, 4, 0, blocks(10, 1, 2))),
                agent(1, 0, 0, new LlmCall(30, 4))), Long.MAX_VALUE);
        return h;
    }

    @Test
    void swapMovesOnlyPrivateKvAndRemakesEvictedSharedBlocks() {
        Harness h = preemptedWithSharedBlocks(PreemptionMode.SWAP);
        List<CallRecord> c = h.callsById();
        // P swaps 7 own tokens out and in; its evicted block 2 (10 tokens) is recomputed
        assertThat(c.get(0).swappedOutBytes()).isEqualTo(7);
        assertThat(c.get(0).swappedInBytes()).isEqualTo(7);
        assertThat(c.get(0).recomputedTokens()).isEqualTo(10);
        // Q has no prefix: its whole 32-token context goes out and back
        assertThat(c.get(1).swappedOutBytes()).isEqualTo(32);
        assertThat(c.get(1).swappedInBytes()).isEqualTo(32);
        assertThat(c.get(1).recomputedTokens()).isZero();
        assertThat(h.metrics.snapshots().bytesIn()).isEqualTo(h.metrics.snapshots().bytesOut()).isEqualTo(39);
        assertThat(h.metrics.snapshots().recomputedTokens()).isEqualTo(10);
        // block 2 evicted at Q's admission and again at Q's resume (P left 1,2 cached: 20 + 33 > 45)
        assertThat(h.metrics.prefixEvictions()).isEqualTo(2);
        // swap resumes re-reference their blocks without a lookup: only P's first admission looked up
        assertThat(h.metrics.engineTotals().lookups()).isEqualTo(1);
    }

    @Test
    void recomputeReprefillsOnlyWhatTheCacheNoLongerHolds() {
        Harness h = preemptedWithSharedBlocks(PreemptionMode.RECOMPUTE);
        List<CallRecord> c = h.callsById();
        // P resumes with 27 context tokens, block 1 (10) still cached: 17 re-prefilled
        assertThat(c.get(0).recomputedTokens()).isEqualTo(17);
        assertThat(c.get(0).prefixHitTokens()).isEqualTo(10);
        assertThat(c.get(1).recomputedTokens()).isEqualTo(32);
        assertThat(c).extracting(CallRecord::swappedOutBytes).containsOnly(0L);
        assertThat(h.metrics.snapshots().recomputedTokens()).isEqualTo(17 + 32);
        assertThat(h.metrics.engineTotals().lookups()).isEqualTo(2);
        assertThat(h.metrics.engineTotals().hitTokens()).isEqualTo(10);
    }
}
