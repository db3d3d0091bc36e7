package dev.aiosim.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.Torch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlamaModelTest {
    /** Small enough for the double-precision reference: 2 layers, 3 query heads per KV head, untied and tied. */
    static final LlamaSpec MICRO = new LlamaSpec("micro", 2, 24, 6, 2, 40, 50, 10000, 1e-5, false);
    static final LlamaSpec MICRO_TIED = new LlamaSpec("micro-tied", 2, 16, 2, 2, 24, 30, 500000, 1e-6, true);

    static NDManager root;

    @BeforeAll
    static void start() {
        root = Torch.newManager();
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    static int[] tokens(long seed, int n, int vocab) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(vocab);
        }
        return t;
    }

    static float[] logits(LlamaModel model, NDManager m, List<LlamaModel.Segment> segments, int row) {
        NDArray out = model.forward(m, segments);
        int vocab = model.spec().vocab();
        float[] all = out.toFloatArray();
        float[] r = new float[vocab];
        System.arraycopy(all, row * vocab, r, 0, vocab);
        return r;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void matchesThePlainJavaReferenceForAPrefill(long seed) {
        for (LlamaSpec spec : List.of(MICRO, MICRO_TIED)) {
            SeededWeights w = new SeededWeights(seed);
            int[] t = tokens(seed, 1 + (int) seed * 5, spec.vocab());
            double[] want = new ReferenceLlama(spec, w).lastLogits(t);
            try (NDManager m = root.newSubManager(); LlamaModel model = LlamaModel.build(spec, w, root);
                 KvCache c = model.newCache(root)) {
                float[] got = logits(model, m, List.of(new LlamaModel.Segment(c, t)), 0);
                for (int i = 0; i < want.length; i++) {
                    assertThat((double) got[i]).as("%s logit %d", spec.name(), i).isCloseTo(want[i], within(1e-4));
                }
                assertThat(c.length()).isEqualTo(t.length);
            }
        }
    }

    /** Prefills longer than {@link LlamaModel#ATTENTION_ROWS} run attention in blocks of rows: same logits, with and without cached tokens before. */
    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void aPrefillLongerThanOneAttentionBlockMatchesTheReference(int cachedBefore) {
        LlamaSpec spec = MICRO;
        SeededWeights w = new SeededWeights(11);
        int n = 2 * LlamaModel.ATTENTION_ROWS + 37;
        int[] t = tokens(11, cachedBefore + n, spec.vocab());
        double[] want = new ReferenceLlama(spec, w).lastLogits(t);
        try (NDManager m = root.newSubManager(); LlamaModel model = LlamaModel.build(spec, w, root); KvCache c = model.newCache(root)) {
            if (cachedBefore > 0) {
                model.forward(m, List.of(new LlamaModel.Segment(c, java.util.Arrays.copyOf(t, cachedBefore))));
            }
            int[] rest = java.util.Arrays.copyOfRange(t, cachedBefore, t.length);
            float[] got = logits(model, m, List.of(new LlamaModel.Segment(c, rest)), 0);
            for (int i = 0; i < want.length; i++) {
                assertThat((double) got[i]).as("logit %d", i).isCloseTo(want[i], within(1e-4));
            }
            assertThat(c.length()).isEqualTo(t.length);
        }
    }

    @Test
    void decodingTokenByTokenMatchesThePrefillWithinFloatError() {
        LlamaSpec spec = LlamaSpec.TINY;
        int[] t = tokens(7, 40, spec.vocab());
        try (NDManager m = root.newSubManager(); LlamaModel model = LlamaModel.build(spec, new SeededWeights(7), root);
             KvCache whole = model.newCache(root); KvCache step = model.newCache(root)) {
            float[] a = logits(model, m, List.of(new LlamaModel.Segment(whole, t)), 0);
            float[] b = null;
            for (int i = 0; i < t.length; i++) {
                b = logits(model, m, List.of(new LlamaModel.Segment(step, new int[] {t[i]})), 0);
            }
            assertThat(step.length()).isEqualTo(whole.length()).isEqualTo(40);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-4f));
            }
            assertThat(argmax(b)).isEqualTo(argmax(a));
        }
    }

    @Test
    void aSequenceBatchedWithOthersGetsTheLogitsItGetsAlone() {
        LlamaSpec spec = LlamaSpec.TINY;
        try (NDManager m = root.newSubManager(); LlamaModel model = LlamaModel.build(spec, new SeededWeights(3), root);
             KvCache alone = model.newCache(root); KvCache a = model.newCache(root); KvCache b = model.newCache(root);
             KvCache c = model.newCache(root)) {
            int[] mine = tokens(1, 17, spec.vocab());
            float[] want = logits(model, m, List.of(new LlamaModel.Segment(alone, mine)), 0);
            float[] got = logits(model, m, List.of(new LlamaModel.Segment(a, tokens(2, 9, spec.vocab())),
                    new LlamaModel.Segment(b, mine), new LlamaModel.Segment(c, new int[] {5})), 1);
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).isCloseTo(want[i], within(1e-4f));
            }
            assertThat(a.length()).isEqualTo(9);
            assertThat(c.length()).isEqualTo(1);
        }
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        LlamaSpec spec = LlamaSpec.TINY;
        int[] t = tokens(5, 8, spec.vocab());
        float[][] out = new float[3][];
        long[] seeds = {11, 11, 12};
        for (int i = 0; i < 3; i++) {
            try (NDManager m = root.newSubManager(); LlamaModel model = LlamaModel.build(spec, new SeededWeights(seeds[i]), root);
                 KvCache c = model.newCache(root)) {
                out[i] = logits(model, m, List.of(new LlamaModel.Segment(c, t)), 0);
            }
        }
        assertThat(out[1]).containsExactly(out[0]);
        assertThat(out[2]).isNotEqualTo(out[0]);
    }

    @Test
    void aTokenOutsideTheVocabularyIsRefused() {
        try (NDManager m = root.newSubManager(); LlamaModel model = LlamaModel.build(MICRO, new SeededWeights(1), root);
             KvCache c = model.newCache(root)) {
            assertThatThrownBy(() -> model.forward(m, List.of(new LlamaModel.Segment(c, new int[] {50}))))
                    .hasMessage("token 50 outside the vocabulary 0..49");
        }
    }

    static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
