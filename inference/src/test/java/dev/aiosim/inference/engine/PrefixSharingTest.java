package dev.aiosim.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.Torch;
import dev.aiosim.inference.model.LlamaModel;
import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.SeededWeights;
import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.process.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call credited with prefix-cache hits takes the KV of its leading blocks from the engine's
 * prefix store and prefills only the rest, and generates what it would have computing everything:
 * the same tokens, logits within 1e-4 (a prefill of fewer tokens sums in another order; 1.2e-6 was
 * the largest difference seen on the tiny model).
 */
class PrefixSharingTest {
    static final LlamaSpec SPEC = LlamaSpec.TINY;
    static final int B = 8;
    static final long BLOCK_BYTES = B * SPEC.kvBytesPerToken();
    static NDManager root;
    static LlamaModel model;

    @BeforeAll
    static void start() {
        root = Torch.newManager();
        model = LlamaModel.build(SPEC, new SeededWeights(42), root);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** Three full blocks: 11, 12, 21. */
    static final Prefix FIRST = new Prefix.Blocks(B, new long[] {11, 12, 21});
    /** Shares the first two blocks, then a partial block of its own. */
    static final Prefix SECOND = new Prefix.Blocks(B, new long[] {11, 12, 31});

    static int[] prompt(long call, Prefix p, int n) {
        return PromptTokens.of(call, p, n, SPEC.vocab());
    }

    /** What a call generated and the logits of each of its tokens. */
    record Run(int[] tokens, List<float[]> logits, List<StepReport> steps) {}

    /**
     * Runs call 1 (prefix FIRST, 24 tokens) to its end, then call 2 with {@code prefix} and
     * {@code promptTokens} credited {@code cached} tokens, on an engine whose store holds
     * {@code storeBytes}; returns call 2's run.
     */
    static Run second(long storeBytes, Prefix prefix, int promptTokens, int cached, DjlEngine[] keep) {
        try (DjlEngine e = new DjlEngine(model, root, 0, true, storeBytes)) {
            e.admit(1, prompt(1, FIRST, 24), 3, FIRST, 0);
            while (e.calls() > 0) {
                e.step();
            }
            assertThat(e.openArrays()).isZero();
            return run(e, prefix, promptTokens, cached, keep);
        }
    }

    static Run run(DjlEngine e, Prefix prefix, int promptTokens, int cached, DjlEngine[] keep) {
        e.admit(2, prompt(2, prefix, promptTokens), 6, prefix, cached);
        List<float[]> logits = new ArrayList<>();
        List<StepReport> steps = new ArrayList<>();
        while (e.calls() > 0) {
            assertThat(e.openArrays()).isEqualTo(2 * SPEC.layers());
            StepReport r = e.step();
            steps.add(r);
            if (e.calls() > 0) {
                logits.add(e.lastLogits(2));
            }
        }
        assertThat(e.openArrays()).isZero();
        if (keep != null) {
            keep[0] = e;
        }
        int[] all = new int[6];
        for (int i = 0; i < steps.size(); i++) {
            all[i] = steps.get(i).generated().get(0).token();
        }
        return new Run(all, logits, steps);
    }

    /** Call 2 computing everything: the reference. */
    static Run alone(Prefix prefix, int promptTokens) {
        try (DjlEngine e = new DjlEngine(model, root, 0, true, 0)) {
            return run(e, prefix, promptTokens, 0, null);
        }
    }

    static void assertSame(Run shared, Run alone) {
        assertThat(shared.tokens()).containsExactly(alone.tokens());
        assertThat(shared.logits()).hasSameSizeAs(alone.logits());
        for (int i = 0; i < alone.logits().size(); i++) {
            float[] a = alone.logits().get(i);
            float[] b = shared.logits().get(i);
            for (int j = 0; j < a.length; j++) {
                assertThat(b[j]).as("token %d, logit %d", i, j).isCloseTo(a[j], within(1e-4f));
            }
        }
    }

    @Test
    void aCallCreditedTwoSharedBlocksPrefillsOnlyItsSuffixAndGeneratesTheSame() {
        DjlEngine[] e = new DjlEngine[1];
        Run shared = second(1L << 20, SECOND, 20, 16, e);
        StepReport first = shared.steps().get(0);
        assertThat(first.prefillTokens()).isEqualTo(4);
        assertThat(first.prefillPairs()).isEqualTo(4 * 16 + 10);
        assertThat(first.prefixReusedTokens()).isEqualTo(16);
        assertThat(first.prefixMissedTokens()).isZero();
        assertThat(shared.steps().get(1).prefixReusedTokens()).isZero();
        assertThat(e[0].prefixStats()).isEqualTo(new PrefixStats(16, 0, 3, 0, 3, 3 * BLOCK_BYTES));
        Run alone = alone(SECOND, 20);
        assertThat(alone.steps().get(0).prefillTokens()).isEqualTo(20);
        assertSame(shared, alone);
    }

    @Test
    void aPromptAllCreditedStillPrefillsItsLastTokenForTheLogits() {
        Prefix two = new Prefix.Blocks(B, new long[] {11, 12});
        Run shared = second(1L << 20, two, 16, 16, null);
        StepReport first = shared.steps().get(0);
        assertThat(first.prefillTokens()).isEqualTo(1);
        assertThat(first.decodeTokens()).isZero();
        assertThat(first.prefixReusedTokens()).isEqualTo(15);
        assertSame(shared, alone(two, 16));
    }

    /**
     * A store too small for the shared blocks evicts them: the credited tokens are computed (and
     * counted as missed), with the same tokens. With room for two blocks it keeps the last two
     * stored, blocks 1 and 2, which are no use without block 0.
     */
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2})
    void creditedBlocksEvictedFromTheStoreAreComputed(long blocks) {
        DjlEngine[] e = new DjlEngine[1];
        Run shared = second(blocks * BLOCK_BYTES, SECOND, 20, 16, e);
        StepReport first = shared.steps().get(0);
        assertThat(first.prefillTokens()).isEqualTo(20);
        assertThat(first.prefixReusedTokens()).isZero();
        assertThat(first.prefixMissedTokens()).isEqualTo(16);
        PrefixStats s = e[0].prefixStats();
        assertThat(s.missedTokens()).isEqualTo(16);
        assertThat(s.blocks()).isEqualTo((int) blocks);
        assertThat(s.bytes()).isLessThanOrEqualTo(blocks * BLOCK_BYTES);
        assertThat(s.evictedBlocks()).isEqualTo(blocks == 0 ? 0 : 3 + 2 - blocks); // 3 of call 1, 2 re-stored by call 2
        assertSame(shared, alone(SECOND, 20));
    }

    @Test
    void blocksAreSharedOnlyAfterTheSameNamedBlocks() {
        // block 1 is named 12 in both, but after a different block 0: its KV differs, nothing is reused
        Prefix other = new Prefix.Blocks(B, new long[] {99, 12, 31});
        DjlEngine[] e = new DjlEngine[1];
        Run shared = second(1L << 20, other, 20, 0, e);
        assertThat(shared.steps().get(0).prefillTokens()).isEqualTo(20);
        assertThat(e[0].prefixStats().storedBlocks()).isEqualTo(3 + 2);
    }

    @ParameterizedTest
    @CsvSource({"1, RECOMPUTE", "3, RECOMPUTE", "3, SWAP"})
    void aCallResumedWithCreditedBlocksGeneratesTheSame(int after, PreemptionMode mode) {
        Run straight = alone(SECOND, 20);
        try (DjlEngine e = new DjlEngine(model, root, 1L << 30, true, 1L << 20)) {
            e.admit(1, prompt(1, FIRST, 24), 1, FIRST, 0);
            e.step();
            e.admit(2, prompt(2, SECOND, 20), 6, SECOND, 16);
            for (int i = 0; i < after; i++) {
                e.step();
            }
            e.preempt(2, mode);
            assertThat(e.openArrays()).isZero();
            e.resume(2, mode == PreemptionMode.SWAP ? 0 : 16);
            StepReport r = e.step();
            if (mode == PreemptionMode.RECOMPUTE) {
                assertThat(r.prefillTokens()).isEqualTo(20 + after - 16);
                assertThat(r.prefixReusedTokens()).isEqualTo(16);
                assertThat(e.snapshotStats().recomputeTokens()).isEqualTo(20 + after - 16);
            } else {
                assertThat(r.decodeTokens()).isEqualTo(1);
            }
            assertThat(e.generated(2)).containsExactly(java.util.Arrays.copyOf(straight.tokens(), after + 1));
        }
    }

    @Test
    void creditsThatAreNotWholeBlocksOfThePrefixAreRefused() {
        try (DjlEngine e = new DjlEngine(model, root, 0, false, 1L << 20)) {
            assertThatThrownBy(() -> e.admit(1, prompt(1, SECOND, 20), 2, SECOND, 12)).hasMessage(
                    "call 1: credited prefix tokens must be whole blocks of its prefix within its 20-token context,"
                            + " got 12 with blocks of 8");
            assertThatThrownBy(() -> e.admit(1, prompt(1, null, 20), 2, null, 8)).hasMessage(
                    "call 1: credited prefix tokens must be whole blocks of its prefix within its 20-token context,"
                            + " got 8 without a prefix");
            assertThatThrownBy(() -> e.admit(1, prompt(1, SECOND, 20), 2, SECOND, 24)).isInstanceOf(
                    IllegalArgumentException.class);
            assertThatThrownBy(() -> new DjlEngine(model, root, 0, false, -1)).hasMessage(
                    "prefix store bytes must be >= 0, got -1");
        }
    }

    /**
     * Hundreds of steps of calls on a few shared prefixes, credited at random (whether their blocks
     * are stored or not), preempted, resumed and cancelled, under a store that evicts: the engine
     * holds exactly 2 x layers arrays per running call, and none at the end; the store is host memory.
     */
    @Test
    void noArraysLeakWithSharedPrefixes() {
        SplittableRandom r = new SplittableRandom(5);
        LlamaSpec one = new LlamaSpec("one-layer", 1, 32, 2, 1, 48, 64, 10000, 1e-5, false);
        Prefix[] prefixes = {new Prefix.Blocks(4, new long[] {1, 2, 3, 4}), new Prefix.Blocks(4, new long[] {1, 2, 5, 6}),
            new Prefix.Session(7, 4), new Prefix.Blocks(4, new long[] {8, 9, 10, 11})};
        long next = 1;
        try (NDManager m = root.newSubManager(); LlamaModel small = LlamaModel.build(one, new SeededWeights(1), m);
             DjlEngine e = new DjlEngine(small, m, 64 * one.kvBytesPerToken(), false, 6 * 4 * one.kvBytesPerToken())) {
            int before = ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
            List<Long> running = new ArrayList<>();
            List<Long> out = new ArrayList<>();
            java.util.Map<Long, Prefix> prefixOf = new java.util.HashMap<>();
            for (int step = 0; step < 600; step++) {
                if (running.size() < 5 && r.nextInt(3) == 0) {
                    long id = next++;
                    Prefix p = prefixes[r.nextInt(prefixes.length)];
                    int n = 1 + r.nextInt(20);
                    e.admit(id, PromptTokens.of(id, p, n, one.vocab()), 1 + r.nextInt(12), p, 4 * r.nextInt(n / 4 + 1));
                    prefixOf.put(id, p);
                    running.add(id);
                }
                if (!running.isEmpty() && r.nextInt(15) == 0) {
                    long id = running.remove(r.nextInt(running.size()));
                    e.preempt(id, r.nextBoolean() ? PreemptionMode.SWAP : PreemptionMode.RECOMPUTE);
                    out.add(id);
                }
                if (!out.isEmpty() && r.nextInt(6) == 0) {
                    long id = out.remove(r.nextInt(out.size()));
                    if (r.nextInt(5) == 0) {
                        e.cancel(id);
                    } else {
                        e.resume(id, 0);
                        running.add(id);
                    }
                }
                running.removeAll(e.step().finished());
                assertThat(e.openArrays()).as("step %d", step).isEqualTo(2 * running.size());
                assertThat(((ai.djl.ndarray.BaseNDManager) m).getManagedArrays()).as("step %d", step)
                        .hasSize(before + 2 * running.size());
            }
            for (long id : out) {
                e.cancel(id);
            }
            while (e.calls() > 0) {
                e.step();
            }
            assertThat(next).isGreaterThan(100);
            assertThat(e.openArrays()).isZero();
            PrefixStats s = e.prefixStats();
            assertThat(s.reusedTokens()).isPositive();
            assertThat(s.missedTokens()).isPositive();
            assertThat(s.evictedBlocks()).isPositive();
            assertThat(s.bytes()).isLessThanOrEqualTo(6 * 4 * one.kvBytesPerToken());
        }
    }
}
