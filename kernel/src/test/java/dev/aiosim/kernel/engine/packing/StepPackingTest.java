package dev.aiosim.kernel.engine.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each packing's plan on hand-made batches, and the rules every plan keeps on random ones. */
class StepPackingTest {
    private static int[] plan(StepPacking p, int... pending) {
        int[] tokens = new int[pending.length];
        Arrays.fill(tokens, -7); // every entry must be written
        p.plan(pending, pending.length, tokens);
        return tokens;
    }

    @Test
    void orcaPrefillsWholePromptsAndDecodesEveryCall() {
        assertThat(plan(new Orca(), 0, 300, 0, 5000)).containsExactly(1, 300, 1, 5000);
        assertThat(new Orca().prefillsAtAdmission()).isTrue();
    }

    @Test
    void vllmV1DecodesFirstThenChunksOldestFirstUnderTheBudget() {
        // budget 10: decodes at 0 and 2 take 2, the prefill at 1 (oldest) takes 6 of its 6, the
        // one at 3 the last 2 of its 9, the one at 4 nothing
        assertThat(plan(new VllmV1(10), 0, 6, 0, 9, 4)).containsExactly(1, 6, 1, 2, 0);
        // a prompt longer than the budget is chunked
        assertThat(plan(new VllmV1(8), 20)).containsExactly(8);
        // more decodes than budget: the first ones in batch order decode
        assertThat(plan(new VllmV1(2), 0, 0, 0, 5)).containsExactly(1, 1, 0, 0);
    }

    @Test
    void sarathiSharesItsChunkBetweenDecodesAndPrefills() {
        assertThat(plan(new Sarathi(4), 0, 6, 3)).containsExactly(1, 3, 0);
        assertThat(plan(new Sarathi(4), 6, 3)).containsExactly(4, 0);
    }

    @Test
    void vllmV0RunsPrefillOnlyStepsWithWholePromptsThenDecodeOnlySteps() {
        // prompts wait: the decodes stall; 5 and 3 fit in 10, 4 does not, and stops the step (FCFS)
        assertThat(plan(new VllmV0(10), 0, 5, 0, 3, 4, 1)).containsExactly(0, 5, 0, 3, 0, 0);
        // the first prompt goes alone even when longer than the budget
        assertThat(plan(new VllmV0(10), 0, 25, 2)).containsExactly(0, 25, 0);
        // nothing to prefill: every call decodes
        assertThat(plan(new VllmV0(10), 0, 0, 0)).containsExactly(1, 1, 1);
    }

    @Test
    void namesAndAliasesAndBadBudgets() {
        assertThat(StepPacking.of("prefill-first", 100)).isEqualTo(new VllmV0(100));
        assertThat(StepPacking.of("vllm-v1", 100).name()).isEqualTo("vllm-v1");
        assertThat(StepPacking.of("orca", 0)).isEqualTo(StepPacking.DEFAULT);
        assertThat(StepPacking.NAMES).allSatisfy(n -> assertThat(StepPacking.of(n, 64).name()).isEqualTo(n));
        assertThatThrownBy(() -> StepPacking.of("fcfs", 10)).hasMessageContaining("expected one of orca, vllm-v1");
        assertThatThrownBy(() -> new Sarathi(0)).hasMessage("chunk-size must be >= 1 token, got 0");
        assertThatThrownBy(() -> new VllmV1(-1)).hasMessageContaining("max-num-batched-tokens must be >= 1");
    }

    /**
     * On random batches: a decode gets 0 or 1 token, a prefill 0 to what it has left; the budget
     * holds (v0's lone oversized prompt aside); no step is empty; decodes never wait for a
     * prefill chunk under the chunked packings, and never run beside a prefill under v0.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void plansKeepTheirRules(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(12);
            int[] pending = new int[n];
            for (int i = 0; i < n; i++) {
                pending[i] = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(3000);
            }
            int budget = n + rnd.nextInt(4000);
            for (StepPacking p : new StepPacking[] {new Orca(), new VllmV1(budget), new VllmV0(budget), new Sarathi(budget)}) {
                int[] t = plan(p, pending);
                long total = 0;
                boolean decodes = false;
                boolean prefills = false;
                for (int i = 0; i < n; i++) {
                    assertThat(t[i]).as("%s call %d", p, i).isBetween(0, Math.max(1, pending[i]));
                    total += t[i];
                    decodes |= pending[i] == 0 && t[i] > 0;
                    prefills |= pending[i] > 0 && t[i] > 0;
                }
                assertThat(total).as("%s", p).isPositive();
                boolean anyPrefill = Arrays.stream(pending).anyMatch(x -> x > 0);
                switch (p) {
                    case Orca o -> assertThat(t).isEqualTo(Arrays.stream(pending).map(x -> x > 0 ? x : 1).toArray());
                    case VllmV0 v -> {
                        assertThat(decodes && prefills).isFalse();
                        assertThat(prefills).isEqualTo(anyPrefill);
                        if (Arrays.stream(t).filter(x -> x > 0).count() > 1) {
                            assertThat(total).isLessThanOrEqualTo(budget);
                        }
                    }
                    case VllmV1 v -> chunkedRules(pending, t, budget);
                    case Sarathi s -> chunkedRules(pending, t, budget);
                }
            }
        }
    }

    /** Every decode runs (budget >= batch), the budget holds, and it is used up before a prefill is cut short. */
    private static void chunkedRules(int[] pending, int[] t, int budget) {
        long total = Arrays.stream(t).asLongStream().sum();
        assertThat(total).isLessThanOrEqualTo(budget);
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == 0) {
                assertThat(t[i]).isEqualTo(1);
            } else if (t[i] < pending[i]) {
                assertThat(total).isEqualTo(budget);
            }
        }
    }
}
