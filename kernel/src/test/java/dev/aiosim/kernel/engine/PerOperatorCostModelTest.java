package dev.aiosim.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.engine.PerOperatorCostModel.Efficiencies;
import dev.aiosim.kernel.engine.PerOperatorCostModel.Terms;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each operator term against a hand computation on a tiny model with round numbers, the figures
 * of Llama-3.1-8B on an A100 against Vidur's profile, monotonicity and overflow.
 */
class PerOperatorCostModelTest {
    /**
     * hidden 10, intermediate 20, vocab 100 (untied), 2 layers, 2 query heads and 1 KV head of 5:
     * q = 10, k = 5; linear parameters per layer 10 x 20 + 10 x 10 + 3 x 10 x 20 = 900, so 1,800,
     * plus 2 x 1,000 embedding and lm_head = 3,800; KV 2 x 2 x 5 x 2 = 40 bytes per token.
     */
    private static final ModelSpec TINY = new ModelSpec("tiny", 3800, 2, 2, 1, 5, 2, 1,
            new ModelDimensions(10, 20, 100, false));
    /** 1,000 FLOP/s, 100 B/s HBM, 50 B/s link. */
    private static final GpuSpec SLOW = new GpuSpec("slow", 1000, 100, 1e6, 10, 50);
    /** Compute at half peak (linear) and a quarter (attention), every bandwidth at half, a 0.5 ms decode floor. */
    private static final Efficiencies HALF = new Efficiencies(0.5, 0.5, 0.25, 0.5, 0.5, 500, 0.5, 0.5, 0.5);
    private static final PerOperatorCostModel TINY_MODEL = new PerOperatorCostModel(TINY, SLOW, 1, HALF, 0);

    private static final Catalog CATALOG = Catalog.bundled();

    @Test
    void theParameterSplitOfTheTinyModel() {
        assertThat(TINY.linearParams()).isEqualTo(1800);
        assertThat(TINY.kvBytesPerToken()).isEqualTo(40);
        assertThat(new ModelSpec("tied", 2800, 2, 2, 1, 5, 2, 1, new ModelDimensions(10, 20, 100, true)).linearParams())
                .isEqualTo(1800);
    }

    @Test
    void aShortPrefillIsMemoryBoundOperatorByOperator() {
        // 4 prompt tokens of one call: pairs 4 x 5 / 2 = 10
        Terms t = TINY_MODEL.terms(new StepShape(4, 10, 0, 0));
        // linear: gemm(2 x 1800 x 4 / 500 = 28.8, 1800 x 2 / 50 = 72) = sqrt(28.8^2 + 72^2)
        assertThat(t.linear()).isCloseTo(Math.sqrt(28.8 * 28.8 + 72 * 72), within(1e-9));
        // attention: 80 FLOPs per pair x 10 / 250 = 3.2, plus 2 layers x 4 x (20 + 10) x 2 B / 50 = 9.6; nothing cached
        assertThat(t.prefillAttention()).isCloseTo(3.2 + 9.6, within(1e-9));
        assertThat(t.decodeAttention()).isZero();
        // KV-save of 4 prefill tokens: 4 x 40 / 50
        assertThat(t.kvWrites()).isCloseTo(3.2, within(1e-9));
        // element-wise: 4 x 2 B x (2 x (10 x 10 + 20 + 10 + 60) + 2 x 10) = 3,200 B / 50
        assertThat(t.elementwise()).isCloseTo(64, within(1e-9));
        // logits of 1 row: gemm(2 x 100 x 10 / 500 = 4, (100 x 10 x 2 + 4 x 100) / 50 = 48)
        assertThat(t.logits()).isCloseTo(Math.sqrt(4 * 4 + 48 * 48), within(1e-9));
        assertThat(t.allReduce()).isZero();
        assertThat(TINY_MODEL.stepNanos(new StepShape(4, 10, 0, 0))).isEqualTo((long) Math.ceil(t.total() * 1e9));
        assertThat(t.total()).isCloseTo(Math.sqrt(6013.44) + 12.8 + 3.2 + 64 + Math.sqrt(2320), within(1e-9));
    }

    @Test
    void aLongPrefillIsComputeBoundAndItsAttentionGrowsWithTheSquare() {
        Terms t = TINY_MODEL.terms(new StepShape(100, 5050, 0, 0));
        // linear: gemm(2 x 1800 x 100 / 500 = 720, 72); attention: 80 x 5050 / 250 = 1616 plus 2 x 100 x 30 x 2 / 50 = 240
        assertThat(t.linear()).isCloseTo(Math.sqrt(720 * 720 + 72 * 72), within(1e-9));
        assertThat(t.prefillAttention()).isCloseTo(1616 + 240, within(1e-9));
        // twice the chunk: the products quadruple (80 x 20100 / 250 = 6432), the per-token part doubles (480)
        Terms twice = TINY_MODEL.terms(new StepShape(200, 20100, 0, 0));
        assertThat(twice.linear()).isCloseTo(Math.sqrt(1440 * 1440 + 72 * 72), within(1e-9));
        assertThat(twice.prefillAttention()).isCloseTo(6432 + 480, within(1e-9));
    }

    /**
     * A chunked prefill (issue 13's packings): a chunk of c = 4 tokens after k = 6 cached ones
     * arrives as prefillTokens 4, prefillPairs c k + c (c + 1) / 2 = 24 + 10 = 34, of which 24
     * reach the cached KV. The products count all 34 pairs; the cached KV (24 pairs) is streamed
     * once per 128-query tile.
     */
    @Test
    void aChunkAfterCachedTokensPaysForItsPairsAndStreamsTheCachedKv() {
        Terms t = TINY_MODEL.terms(new StepShape(4, 34, 0, 0));
        // 80 x 34 / 250 = 10.88, per-token part 9.6 as for a fresh 4-token prompt, 24 / 128 x 40 B / 50
        assertThat(t.prefillAttention()).isCloseTo(10.88 + 9.6 + 24.0 / 128 * 40 / 50, within(1e-9));
        // only the chunk's own tokens run the linear layers and write KV
        Terms fresh = TINY_MODEL.terms(new StepShape(4, 10, 0, 0));
        assertThat(t.linear()).isEqualTo(fresh.linear());
        assertThat(t.kvWrites()).isEqualTo(fresh.kvWrites());
        // several fresh prompts in one step (pairs below one prompt's) have no cached part
        Terms two = TINY_MODEL.terms(new StepShape(4, 3 + 3, 0, 0));
        assertThat(two.prefillAttention()).isCloseTo(80 * 6 / 250.0 + 9.6, within(1e-9));
    }

    @Test
    void decodeReadsTheKvOfEveryRunningCallAndSamplesEachOne() {
        // 3 decodes attending over 30 tokens in all
        Terms t = TINY_MODEL.terms(new StepShape(0, 0, 3, 30));
        // floor 2 layers x 0.5 ms, plus max(80 x 30 / 250 = 9.6, (40 x 30 + 2 layers x 3 x 2 x 10 x 2 B) / 50 = 28.8)
        assertThat(t.decodeAttention()).isCloseTo(1e-3 + 28.8, within(1e-9));
        assertThat(t.prefillAttention()).isZero();
        // decode KV writes: read and write 3 tokens' 40 B, 2 x 3 x 40 / 50
        assertThat(t.kvWrites()).isCloseTo(4.8, within(1e-9));
        // 3 logits rows: gemm(2 x 100 x 10 x 3 / 500 = 12, (2000 + 4 x 100 x 3) / 50 = 64)
        assertThat(t.logits()).isCloseTo(Math.sqrt(12 * 12 + 64 * 64), within(1e-9));
        // 50 rows: compute 200, bytes (2000 + 20000) / 50 = 440
        assertThat(TINY_MODEL.terms(new StepShape(0, 0, 50, 500)).logits()).isCloseTo(Math.sqrt(200 * 200 + 440 * 440),
                within(1e-9));
    }

    @Test
    void logitsAreChargedPerSamplingCallNotPerPromptToken() {
        Terms one = TINY_MODEL.terms(new StepShape(100, 5050, 0, 0, 1));
        Terms two = TINY_MODEL.terms(new StepShape(100, 5050, 0, 0, 2));
        Terms none = TINY_MODEL.terms(new StepShape(100, 5050, 0, 0, 0));
        assertThat(one.logits()).isCloseTo(Math.sqrt(4 * 4 + 48 * 48), within(1e-9));
        assertThat(two.logits()).isCloseTo(Math.hypot(8, (2000 + 800) / 50.0), within(1e-9));
        assertThat(none.logits()).isZero();
    }

    @Test
    void tensorParallelSplitsTheWorkAndChargesTheAllReduce() {
        PerOperatorCostModel tp2 = new PerOperatorCostModel(TINY, SLOW, 2, HALF, 0);
        Terms t = tp2.terms(new StepShape(4, 10, 0, 0));
        // gemm(2 x 1800 x 4 / 1000 = 14.4, 1800 x 2 / 100 = 36)
        assertThat(t.linear()).isCloseTo(Math.sqrt(14.4 * 14.4 + 36 * 36), within(1e-9));
        assertThat(t.kvWrites()).isCloseTo(1.6, within(1e-9));
        // norms and adds stay whole on each GPU: 4 x 2 x (2 x (100 + 90 / 2) + 20) = 2,480 B / 50
        assertThat(t.elementwise()).isCloseTo(49.6, within(1e-9));
        // 2 per layer x 2 layers x 4 tokens x 10 x 2 B x 2 (2 - 1) / 2 = 320 B over 50 x 0.5 B/s
        assertThat(t.allReduce()).isCloseTo(12.8, within(1e-9));
        assertThat(TINY_MODEL.terms(new StepShape(4, 10, 0, 0)).allReduce()).isZero();
    }

    @Test
    void theOverheadIsAddedOnceAndTheTotalRoundsUp() {
        PerOperatorCostModel withOverhead = new PerOperatorCostModel(TINY, SLOW, 1, HALF, 7);
        StepShape s = new StepShape(4, 10, 0, 0);
        assertThat(withOverhead.stepNanos(s) - TINY_MODEL.stepNanos(s)).isEqualTo(7);
    }

    /**
     * The figures (Vidur's A100 profile of Llama-3-8B, as replayed by the lead): prefill
     * of 2,048 tokens 188.6 ms, of 7,437 tokens 720.5 ms, decode of 128 calls at context 2,048
     * each 37.7 ms. The default efficiencies were fitted on other rows of Vidur's tables (fresh
     * prefills of 256, 1,024, 4,096, 12,288 and 16,384 tokens; decodes at KV 512 and 4,096 per
     * call), so these three are out of sample; with aiosim's 1 ms step overhead they land within
     * 5% (the issue asks 10%). Pinned so that a change to the model shows here.
     */
    @Test
    void llama8bOnA100AgainstVidursProfile() {
        PerOperatorCostModel m = new PerOperatorCostModel(CATALOG.model("Llama-3.1-8B"), CATALOG.gpu("A100-SXM-80G"), 1,
                Efficiencies.DEFAULTS, 1_000_000);
        double prefill2k = m.stepNanos(prefill(2048)) / 1e6;
        double prefill7k = m.stepNanos(prefill(7437)) / 1e6;
        double decode = m.stepNanos(new StepShape(0, 0, 128, 128L * 2048)) / 1e6;
        System.out.printf("per-operator vs Vidur: prefill 2048 %.1f ms (%+.1f%%), prefill 7437 %.1f ms (%+.1f%%),"
                + " decode 128 x 2048 %.1f ms (%+.1f%%)%n", prefill2k, 100 * (prefill2k / 188.6 - 1), prefill7k,
                100 * (prefill7k / 720.5 - 1), decode, 100 * (decode / 37.7 - 1));
        assertThat(prefill2k).isCloseTo(190.0, within(0.2));
        assertThat(prefill7k).isCloseTo(738.1, within(0.3));
        assertThat(decode).isCloseTo(35.9, within(0.1));
        assertThat(prefill2k / 188.6 - 1).isBetween(-0.10, 0.10);
        assertThat(prefill7k / 720.5 - 1).isBetween(-0.10, 0.10);
        assertThat(decode / 37.7 - 1).isBetween(-0.10, 0.10);
    }

    /**
     * The attention and KV-save terms per layer against rows of Vidur's {@code attention.csv}
     * that the defaults were not fitted on (the rows are in the committed test slice,
     * {@code profiled/a100/llama-3-8b/attention.csv}): each within 5%.
     */
    @Test
    void theAttentionAndKvSaveTermsMatchVidursRowsOutsideTheirFit() {
        PerOperatorCostModel m = new PerOperatorCostModel(CATALOG.model("Llama-3.1-8B"), CATALOG.gpu("A100-SXM-80G"), 1,
                Efficiencies.DEFAULTS, 0);
        double perLayerMs = 1e3 / 32;
        // fresh prefill of 2,048 tokens: attn_prefill 0.310 ms, attn_kv_cache_save 1.098 ms per layer
        Terms p2k = m.terms(prefill(2048));
        assertThat(p2k.prefillAttention() * perLayerMs / 0.310).isCloseTo(1, within(0.05));
        assertThat(p2k.kvWrites() * perLayerMs / 1.098).isCloseTo(1, within(0.05));
        // 7,424 tokens: 2.826 and 4.198 ms
        Terms p7k = m.terms(prefill(7424));
        assertThat(p7k.prefillAttention() * perLayerMs / 2.826).isCloseTo(1, within(0.05));
        assertThat(p7k.kvWrites() * perLayerMs / 4.198).isCloseTo(1, within(0.05));
        // a 2,048-token chunk after 2,048 cached tokens: 0.763 ms; after 14,336: 3.525 ms
        assertThat(m.terms(chunk(2048, 2048)).prefillAttention() * perLayerMs / 0.763).isCloseTo(1, within(0.05));
        assertThat(m.terms(chunk(2048, 14336)).prefillAttention() * perLayerMs / 3.525).isCloseTo(1, within(0.08));
        // decode of 128 calls at 2,048 tokens each: attn_decode 0.670 ms per layer
        Terms d = m.terms(new StepShape(0, 0, 128, 128L * 2048));
        assertThat(d.decodeAttention() * perLayerMs / 0.670).isCloseTo(1, within(0.05));
    }

    private static StepShape chunk(long c, long cached) {
        return new StepShape(c, c * cached + c * (c + 1) / 2, 0, 0);
    }

    /**
     * Where Vidur's profile has the operator (its mlp.csv: the four projections and the
     * element-wise kernels, medians summed over 32 layers), the terms agree within 5%.
     */
    @Test
    void theLinearAndElementwiseTermsMatchVidursOperatorMeasurements() {
        PerOperatorCostModel m = new PerOperatorCostModel(CATALOG.model("Llama-3.1-8B"), CATALOG.gpu("A100-SXM-80G"), 1,
                Efficiencies.DEFAULTS, 0);
        Terms t2k = m.terms(prefill(2048));
        // mlp.csv, 2,048 tokens: pre-proj 0.467 + post-proj 0.308 + up 2.2485 + down 1.049 ms per layer
        assertThat(t2k.linear() * 1e3 / (32 * (0.467 + 0.308 + 2.2485 + 1.049))).isCloseTo(1, within(0.05));
        // norms 0.0545 + 0.056, rotary 0.048, SiLU-and-mul 0.174, add 0.026 ms per layer
        assertThat(t2k.elementwise() * 1e3 / (32 * (0.0545 + 0.056 + 0.048 + 0.174 + 0.026))).isCloseTo(1, within(0.05));
        Terms t7k = m.terms(prefill(7424));
        // 7,424 tokens: 1.808 + 1.159 + 7.5445 + 3.753; 0.1915 + 0.1915 + 0.178 + 0.621 + 0.102
        assertThat(t7k.linear() * 1e3 / (32 * (1.808 + 1.159 + 7.5445 + 3.753))).isCloseTo(1, within(0.05));
        assertThat(t7k.elementwise() * 1e3 / (32 * (0.1915 + 0.1915 + 0.178 + 0.621 + 0.102))).isCloseTo(1, within(0.05));
    }

    @Test
    void theOldRooflineChargesThePromptTokensLogitsAndEmbeddingTheNewOneDoesNot() {
        ModelSpec llama = CATALOG.model("Llama-3.1-8B");
        GpuSpec a100 = CATALOG.gpu("A100-SXM-80G");
        // the lead's figure for the single roofline at MFU 0.5 and 1 ms overhead
        assertThat(new RooflineCostModel(llama, a100, 1, 0.5, 0.8, 1_000_000).stepNanos(prefill(2048)) / 1e6)
                .isCloseTo(218.9, within(0.1));
        Terms t = new PerOperatorCostModel(llama, a100, 1, Efficiencies.DEFAULTS, 0).terms(prefill(2048));
        // linear on 6.98 B parameters, not 8.03 B
        assertThat(t.linear()).isCloseTo(2 * 6.979e9 * 2048 / (312e12 * 0.7), within(0.001));
    }

    private static StepShape prefill(long n) {
        return new StepShape(n, n * (n + 1) / 2, 0, 0);
    }

    /** Adding work to a step (prompt tokens, a decode, context) never makes it cheaper. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void moreWorkNeverTakesLess(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] models = {"Llama-3.1-8B", "Llama-3.1-70B", "Mistral-7B"};
        String[] gpus = {"H100-SXM", "A100-SXM-80G", "H200", "RTX-A5000"};
        for (int i = 0; i < 200; i++) {
            PerOperatorCostModel m = new PerOperatorCostModel(CATALOG.model(models[r.nextInt(models.length)]),
                    CATALOG.gpu(gpus[r.nextInt(gpus.length)]), 1 << r.nextInt(4), Efficiencies.DEFAULTS,
                    r.nextLong(0, 5_000_000));
            long prompt = r.nextLong(0, 20_000);
            int decodes = r.nextInt(0, 300);
            long context = decodes == 0 ? 0 : r.nextLong(decodes, decodes * 8192L);
            StepShape s = new StepShape(prompt, prompt * (prompt + 1) / 2, decodes, context);
            long t = m.stepNanos(s);
            long more = r.nextLong(1, 4096);
            long p2 = prompt + more;
            assertThat(m.stepNanos(new StepShape(p2, p2 * (p2 + 1) / 2, decodes, context))).isGreaterThanOrEqualTo(t);
            assertThat(m.stepNanos(new StepShape(prompt, prompt * (prompt + 1) / 2, decodes + 1, context + more)))
                    .isGreaterThanOrEqualTo(t);
            assertThat(m.stepNanos(new StepShape(prompt, prompt * (prompt + 1) / 2, decodes, context + more,
                    s.samplingCalls()))).isGreaterThanOrEqualTo(t);
            assertThat(t).isPositive();
        }
    }

    @Test
    void aStepBeyondTheVirtualClockIsAnError() {
        Efficiencies tiny = new Efficiencies(1e-15, 1e-15, 1e-15, 1e-15, 1e-15, 0, 1e-15, 1e-15, 1e-15);
        PerOperatorCostModel slow = new PerOperatorCostModel(CATALOG.model("Llama-3.1-8B"), CATALOG.gpu("H100-SXM"), 1,
                tiny, 0);
        assertThatThrownBy(() -> slow.stepNanos(new StepShape(0, 0, 1, 1000))).isInstanceOf(VirtualTimeOverflow.class)
                .hasMessageContaining("per-operator");
        PerOperatorCostModel late = new PerOperatorCostModel(CATALOG.model("Llama-3.1-8B"), CATALOG.gpu("H100-SXM"), 1,
                Efficiencies.DEFAULTS, Long.MAX_VALUE);
        assertThatThrownBy(() -> late.stepNanos(new StepShape(0, 0, 1, 1000))).isInstanceOf(VirtualTimeOverflow.class)
                .hasMessageContaining("step overhead");
    }

    @Test
    void whatTheModelNeedsFromTheCatalogIsNamed() {
        ModelSpec bare = new ModelSpec("bare", 8e9, 32, 32, 8, 128, 2, 1);
        assertThatThrownBy(() -> new PerOperatorCostModel(bare, SLOW, 1, HALF, 0)).hasMessageContaining("bare")
                .hasMessageContaining("hidden-size");
        GpuSpec noLink = new GpuSpec("nolink", 1e12, 1e12, 1e10, 1e9);
        assertThatThrownBy(() -> new PerOperatorCostModel(TINY, noLink, 2, HALF, 0)).hasMessageContaining("nolink")
                .hasMessageContaining("interconnect-bytes-per-sec");
        assertThat(new PerOperatorCostModel(TINY, noLink, 1, HALF, 0).stepNanos(new StepShape(1, 1, 0, 0))).isPositive();
        assertThatThrownBy(() -> new Efficiencies(0.7, 0.8, 0.5, 0.1, 0.8, 0, 0.01, 1.5, 0.8))
                .hasMessageContaining("elementwise-memory");
        assertThatThrownBy(() -> new Efficiencies(0, 0.8, 0.5, 0.1, 0.8, 0, 0.01, 0.5, 0.8)).hasMessageContaining("linear-compute");
        assertThatThrownBy(() -> new Efficiencies(0.7, 0.8, 0.5, 0.1, 0.8, 0, 0, 0.5, 0.8)).hasMessageContaining("kv-write");
        assertThatThrownBy(() -> new Efficiencies(0.7, 0.8, 0.5, 0.1, 0.8, 2000, 0.01, 0.5, 0.8))
                .hasMessageContaining("decode-attention floor");
    }
}
