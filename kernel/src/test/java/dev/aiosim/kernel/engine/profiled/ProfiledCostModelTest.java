package dev.aiosim.kernel.engine.profiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfiledCostModelTest {
    private static final int LLAMA3_8B_LAYERS = 32;
    private static ProfiledCostModel model;

    @BeforeAll
    static void load() {
        model = ProfiledCostModel.load(Slice.dir(), LLAMA3_8B_LAYERS, 1, 0);
    }

    @Test
    void prefillOf2048TokensIsTheSumOfTheMeasuredOperatorsTimesTheLayers() {
        // per layer: token ops 4.497 (the 2032-token row; the two 2048 rows average 4.49) + KV write
        // 1.098625 (eight rows averaged) + prefill attention 0.31
        double perLayer = 4.497 + 1.098625 + 0.31;
        assertThat(model.layerMillis(Slice.prefill(2048))).isCloseTo(perLayer, within(1e-9));
        assertThat(model.stepNanos(Slice.prefill(2048))).isEqualTo((long) Math.ceil(perLayer * 32 * 1e6));
        // Vidur's profile gives 188.6 ms for this step (issue 13); the slice gives 188.98 ms
        assertThat(model.stepNanos(Slice.prefill(2048)) / 1e6).isCloseTo(188.6, within(188.6 * 0.01));
    }

    @Test
    void prefillOf7437TokensInterpolatesBetweenMeasuredRows() {
        double ops = 15.5485 + 13.0 / 64 * (15.622 - 15.5485);
        double save = 4.1385; // 7424 rows averaged; 7552 (4.1175) is raised to it
        double attention = 2.826 + 13.0 / 128 * (2.937 - 2.826);
        assertThat(model.layerMillis(Slice.prefill(7437))).isCloseTo(ops + save + attention, within(1e-9));
        // Vidur's profile: 720.5 ms
        assertThat(model.stepNanos(Slice.prefill(7437)) / 1e6).isCloseTo(720.5, within(720.5 * 0.01));
    }

    @Test
    void decodeAtBatch128AndContext2048() {
        // token ops at 128: 0.412; KV write at 128 tokens: 0.003 measured, raised to 0.019 by the
        // 64-token prefill rows (Vidur keys this operator by max(chunk, batch)); attention 0.6685
        double perLayer = 0.412 + 0.019 + 0.6685;
        assertThat(model.layerMillis(Slice.decode(128, 2048))).isCloseTo(perLayer, within(1e-9));
        // 35.18 ms against Vidur's 37.7 ms, which adds 10% to decode attention for grouped-query
        // attention and CPU overheads that are not in these tables
        assertThat(model.stepNanos(Slice.decode(128, 2048)) / 1e6).isCloseTo(35.184, within(0.001));
    }

    @Test
    void aChunkAfterCachedContextLooksUpItsChunkAndContext() {
        // 2048 new tokens after 4096 cached: pairs = 2048 * 4096 + 2048 * 2049 / 2
        long pairs = 2048L * 4096 + 2048L * 2049 / 2;
        double withContext = model.layerMillis(new StepShape(2048, pairs, 0, 0));
        double fresh = model.layerMillis(Slice.prefill(2048));
        assertThat(withContext - fresh).isCloseTo(1.211 - 0.31, within(1e-9));
    }

    /**
     * A chunked-prefill step as vLLM V1 or Sarathi-Serve packs it: one chunk of 2,048 tokens after
     * 2,048 cached (prefillPairs = c k + c (c + 1) / 2) and 128 running decodes at 2,048 tokens
     * each. The linear operators and the KV save see all 2,176 tokens; the chunk is looked up at
     * (2,048, 2,048), Vidur's measured 0.763 ms, and the decodes at (2,048, 128).
     */
    @Test
    void aMixedChunkedStepAddsTheChunkAtItsContextAndTheDecodes() {
        long pairs = 2048L * 2048 + 2048L * 2049 / 2;
        StepShape mixed = new StepShape(2048, pairs, 128, 128L * 2048, 128);
        VidurProfile p = model.profile();
        assertThat(p.prefillAttention().at(2048, 2048)).isCloseTo(0.763, within(1e-12));
        double expected = p.tokenOps().at(2176) + p.kvCacheSave().at(2176) + 0.763 + p.decodeAttention().at(2048, 128);
        assertThat(model.layerMillis(mixed)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void severalPromptsShareOneLookupAtTheRootOfTheirSquaredChunks() {
        // prompts of 2048 and 2048 tokens: s = 2 * pairs - tokens = 2 * 2048^2, chunk = 2048 * sqrt(2)
        long pairs = 2 * (2048L * 2049 / 2);
        StepShape two = new StepShape(4096, pairs, 0, 0);
        VidurProfile p = model.profile();
        double expected = p.tokenOps().at(4096) + p.kvCacheSave().at(4096) + p.prefillAttention().at(2048 * Math.sqrt(2), 0);
        assertThat(model.layerMillis(two)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void overheadIsAddedOnceAndLayersMultiply() {
        ProfiledCostModel one = ProfiledCostModel.load(Slice.dir(), 1, 1, 0);
        ProfiledCostModel withOverhead = ProfiledCostModel.load(Slice.dir(), 1, 1, 2_000_000);
        StepShape s = Slice.decode(128, 2048);
        assertThat(withOverhead.stepNanos(s) - one.stepNanos(s)).isEqualTo(2_000_000);
        assertThat(model.stepNanos(s)).isBetween(32 * one.stepNanos(s) - 32, 32 * one.stepNanos(s));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void timeIsPositiveAndNeverFallsAsTokensGrow(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 300; i++) {
            long n = r.nextLong(1, 20_000);
            long d = r.nextLong(1, 500);
            assertThat(model.stepNanos(Slice.prefill(n))).isPositive()
                    .isLessThanOrEqualTo(model.stepNanos(Slice.prefill(n + d)));
            int b = r.nextInt(1, 400);
            long ctx = r.nextLong(1, 20_000);
            long base = model.stepNanos(Slice.decode(b, ctx));
            assertThat(base).isPositive();
            assertThat(model.stepNanos(Slice.decode(b + (int) Math.min(d, 100), ctx))).isGreaterThanOrEqualTo(base);
            assertThat(model.stepNanos(Slice.decode(b, ctx + d))).isGreaterThanOrEqualTo(base);
        }
    }

    @Test
    void anEmptyStepStillCostsSomething() {
        assertThat(model.stepNanos(new StepShape(0, 0, 0, 0))).isPositive();
    }

    @Test
    void overflowIsAUserErrorNotAWrappedClock() {
        long huge = Long.MAX_VALUE / 4;
        assertThatThrownBy(() -> model.stepNanos(new StepShape(huge, huge, 0, 0)))
                .isInstanceOf(VirtualTimeOverflow.class)
                .hasMessageContaining("engine step time from the profiled tables");
        ProfiledCostModel late = ProfiledCostModel.load(Slice.dir(), 32, 1, Long.MAX_VALUE - 10);
        assertThatThrownBy(() -> late.stepNanos(Slice.decode(1, 100)))
                .isInstanceOf(VirtualTimeOverflow.class)
                .hasMessageContaining("step overhead");
    }

    @Test
    void refusesOutOfRangeSettings() {
        VidurProfile p = model.profile();
        assertThatThrownBy(() -> new ProfiledCostModel(p, 0, 0)).hasMessage("layers must be >= 1, got 0");
        assertThatThrownBy(() -> new ProfiledCostModel(p, 32, -1)).hasMessage("step overhead must be >= 0, got -1");
        assertThatThrownBy(() -> ProfiledCostModel.load(Slice.dir(), 32, 0, 0))
                .hasMessage("tensor-parallel must be >= 1, got 0");
    }
}
