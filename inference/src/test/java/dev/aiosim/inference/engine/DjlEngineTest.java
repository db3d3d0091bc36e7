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
import org.junit.jupiter.params.provider.ValueSource;

class DjlEngineTest {
    static final LlamaSpec SPEC = LlamaSpec.TINY;
    static final int LAYERS = SPEC.layers();
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

    static int[] prompt(long call, int n) {
        return PromptTokens.of(call, null, n, SPEC.vocab());
    }

    @Test
    void eachCallGeneratesExactlyItsOutputLengthThenLeavesAndFreesItsKv() {
        try (DjlEngine e = new DjlEngine(model, root, 0, false)) {
            e.admit(1, prompt(1, 10), 3);
            e.admit(2, prompt(2, 4), 1);
            StepReport s1 = e.step();
            assertThat(s1.prefillTokens()).isEqualTo(14);
            assertThat(s1.prefillPairs()).isEqualTo(55 + 10);
            assertThat(s1.decodeTokens()).isZero();
            assertThat(s1.generated()).extracting(StepReport.Token::call).containsExactly(1L, 2L);
            assertThat(s1.finished()).containsExactly(2L);
            assertThat(e.openArrays()).isEqualTo(2 * LAYERS);
            e.admit(3, prompt(3, 5), 2);
            StepReport s2 = e.step();
            assertThat(s2.prefillTokens()).isEqualTo(5);
            assertThat(s2.prefillPairs()).isEqualTo(15);
            assertThat(s2.decodeTokens()).isEqualTo(1);
            assertThat(s2.decodeContextTokens()).isEqualTo(11); // call 1: 10 prompt tokens and its first output
            assertThat(s2.shape().samplingCalls()).isEqualTo(2);
            assertThat(s2.finished()).isEmpty();
            assertThat(e.generated(1)).hasSize(2);
            StepReport s3 = e.step();
            assertThat(s3.finished()).containsExactly(1L, 3L);
            assertThat(e.calls()).isZero();
            assertThat(e.openArrays()).isZero();
            assertThat(e.step().generated()).isEmpty();
        }
    }

    @Test
    void aCallWithAnOpenLengthGeneratesUntilReleased() {
        try (DjlEngine e = new DjlEngine(model, root, 0, false)) {
            e.admit(1, prompt(1, 3), 0);
            for (int i = 0; i < 40; i++) {
                assertThat(e.step().finished()).isEmpty();
            }
            assertThat(e.generatedCount(1)).isEqualTo(40);
            assertThat(e.generated(1)).hasSize(40);
            e.cancel(1);
            assertThat(e.generatedCount(1)).isEqualTo(-1);
            assertThat(e.openArrays()).isZero();
        }
    }

    @Test
    void greedyOutputsAreDeterministicAndDoNotDependOnBatchmates() {
        int[] alone = run(List.of(7L), 12);
        int[] together = run(List.of(5L, 7L, 9L), 12);
        assertThat(together).containsExactly(alone);
        assertThat(run(List.of(7L), 12)).containsExactly(alone);
    }

    /** Runs the calls together for {@code n} tokens; returns the tokens of call 7. */
    private static int[] run(List<Long> ids, int n) {
        try (DjlEngine e = new DjlEngine(model, root, 0, false)) {
            for (long id : ids) {
                e.admit(id, prompt(id, 20 + (int) id), n + 1);
            }
            for (int i = 0; i < n; i++) {
                e.step();
            }
            return e.generated(7);
        }
    }

    @Test
    void sharedPrefixBlocksGiveTheSameTokenIds() {
        Prefix shared = new Prefix.Blocks(4, new long[] {77, 78, 0});
        Prefix other = new Prefix.Blocks(4, new long[] {77, 99, 0});
        int[] a = PromptTokens.of(1, shared, 12, SPEC.vocab());
        int[] b = PromptTokens.of(2, shared, 12, SPEC.vocab());
        int[] c = PromptTokens.of(3, other, 12, SPEC.vocab());
        assertThat(b).startsWith(java.util.Arrays.copyOf(a, 8));
        assertThat(java.util.Arrays.copyOfRange(b, 8, 12)).isNotEqualTo(java.util.Arrays.copyOfRange(a, 8, 12));
        assertThat(c).startsWith(java.util.Arrays.copyOf(a, 4));
        assertThat(java.util.Arrays.copyOfRange(c, 4, 8)).isNotEqualTo(java.util.Arrays.copyOfRange(a, 4, 8));
        assertThat(PromptTokens.of(1, shared, 12, SPEC.vocab())).containsExactly(a);
        assertThat(java.util.Arrays.stream(a).allMatch(t -> t >= 0 && t < SPEC.vocab())).isTrue();
    }

    /** Logits of call 1 at each step after step {@code at}, uninterrupted or preempted after step {@code at} by {@code mode}. */
    private static List<float[]> logitsAfter(int at, PreemptionMode mode, List<int[]> tokensOut) {
        List<float[]> out = new ArrayList<>();
        try (DjlEngine e = new DjlEngine(model, root, 1L << 30, true)) {
            e.admit(1, prompt(1, 33), 24);
            for (int i = 0; i < at; i++) {
                e.step();
            }
            if (mode != null) {
                assertThat(e.preempt(1, mode)).isEqualTo(mode);
                assertThat(e.openArrays()).isZero();
                // another call runs and finishes meanwhile, so the restored KV lands in memory used since
                e.admit(2, prompt(2, 50), 3);
                e.step();
                e.step();
                assertThat(e.step().finished()).containsExactly(2L);
                e.resume(1);
            }
            while (e.calls() > 0) {
                e.step();
                float[] l = e.lastLogits(1);
                if (l != null) {
                    out.add(l);
                }
                if (e.calls() == 1) {
                    tokensOut.add(e.generated(1));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 20})
    void aCallSwappedOutAndBackGetsBitIdenticalLogits(int at) {
        List<int[]> t1 = new ArrayList<>();
        List<int[]> t2 = new ArrayList<>();
        List<float[]> straight = logitsAfter(at, null, t1);
        List<float[]> swapped = logitsAfter(at, PreemptionMode.SWAP, t2);
        assertThat(swapped).hasSize(24 - at - 1);
        for (int i = 0; i < swapped.size(); i++) {
            assertThat(swapped.get(i)).as("token %d after the resume", i).containsExactly(straight.get(i));
        }
        assertThat(t2.get(t2.size() - 1)).containsExactly(t1.get(t1.size() - 1));
    }

    /** Recompute prefills the context in one forward instead of token by token: same tokens, logits within 1e-4. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 20})
    void aCallRecomputedGetsTheSameTokensAndLogitsWithinFloatError(int at) {
        List<int[]> t1 = new ArrayList<>();
        List<int[]> t2 = new ArrayList<>();
        List<float[]> straight = logitsAfter(at, null, t1);
        List<float[]> recomputed = logitsAfter(at, PreemptionMode.RECOMPUTE, t2);
        for (int i = 0; i < recomputed.size(); i++) {
            float[] a = straight.get(i);
            float[] b = recomputed.get(i);
            for (int j = 0; j < a.length; j++) {
                assertThat(b[j]).isCloseTo(a[j], within(1e-4f));
            }
        }
        assertThat(t2.get(t2.size() - 1)).containsExactly(t1.get(t1.size() - 1));
    }

    @Test
    void swapFallsBackToRecomputeWhenTheHostBudgetIsFull() {
        long perToken = SPEC.kvBytesPerToken();
        try (DjlEngine e = new DjlEngine(model, root, 15 * perToken, false)) {
            e.admit(1, prompt(1, 10), 5);
            e.admit(2, prompt(2, 10), 5);
            e.step();
            e.step(); // each holds 11 tokens of KV
            assertThat(e.preempt(1, PreemptionMode.SWAP)).isEqualTo(PreemptionMode.SWAP);
            assertThat(e.hostUsedBytes()).isEqualTo(11 * perToken);
            assertThat(e.preempt(2, PreemptionMode.SWAP)).isEqualTo(PreemptionMode.RECOMPUTE);
            assertThat(e.openArrays()).isZero();
            e.resume(2);
            StepReport again = e.step();
            assertThat(again.prefillTokens()).isEqualTo(12);
            assertThat(again.prefillPairs()).isEqualTo(78);
            e.cancel(1);
            assertThat(e.hostUsedBytes()).isZero();
            assertThat(e.snapshotStats().outBytes()).isEqualTo(11 * perToken);
            assertThat(e.snapshotStats().recomputeTokens()).isEqualTo(12);
        }
    }

    @Test
    void wrongCallsAreRefused() {
        try (DjlEngine e = new DjlEngine(model, root, 0, false)) {
            e.admit(1, prompt(1, 3), 2);
            assertThatThrownBy(() -> e.admit(1, prompt(1, 3), 2)).hasMessage("call 1 is already on this engine");
            assertThatThrownBy(() -> e.resume(1)).hasMessage("call 1 is not preempted on this engine");
            assertThatThrownBy(() -> e.preempt(9, PreemptionMode.SWAP)).hasMessage("call 9 is not running on this engine");
            assertThatThrownBy(() -> e.admit(2, new int[0], 2)).hasMessage(
                    "call 2: a prompt needs at least 1 token and the output length must be >= 0 (0 = open), got 0 and 2");
            assertThatThrownBy(() -> e.cancel(3)).hasMessage("call 3 is not on this engine");
        }
    }

    /**
     * Thousands of steps of admissions, completions, swaps, recomputes and cancellations: the
     * engine holds exactly 2 x layers arrays per call whose KV is on the device, never more, and
     * none at the end; the step managers leave nothing behind. A one-layer model keeps it quick:
     * ownership does not depend on the size.
     */
    @Test
    void noArraysLeakOverThousandsOfSteps() {
        SplittableRandom r = new SplittableRandom(3);
        long next = 1;
        LlamaSpec one = new LlamaSpec("one-layer", 1, 32, 2, 1, 48, 64, 10000, 1e-5, false);
        try (NDManager m = root.newSubManager(); LlamaModel small = LlamaModel.build(one, new SeededWeights(1), m);
             DjlEngine e = new DjlEngine(small, m, 64 * one.kvBytesPerToken(), false)) {
            int before = ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
            List<Long> running = new ArrayList<>();
            List<Long> out = new ArrayList<>();
            for (int step = 0; step < 2000; step++) {
                if (running.size() < 6 && r.nextInt(3) == 0) {
                    long id = next++;
                    e.admit(id, PromptTokens.of(id, null, 1 + r.nextInt(12), one.vocab()), 1 + r.nextInt(30));
                    running.add(id);
                }
                if (!running.isEmpty() && r.nextInt(25) == 0) {
                    long id = running.remove(r.nextInt(running.size()));
                    e.preempt(id, r.nextBoolean() ? PreemptionMode.SWAP : PreemptionMode.RECOMPUTE);
                    out.add(id);
                }
                if (!out.isEmpty() && r.nextInt(10) == 0) {
                    long id = out.remove(r.nextInt(out.size()));
                    if (r.nextInt(5) == 0) {
                        e.cancel(id);
                    } else {
                        e.resume(id);
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
            assertThat(next).isGreaterThan(300);
            assertThat(e.openArrays()).isZero();
            assertThat(e.hostUsedBytes()).isZero();
        }
    }
}
