package dev.aiosim.inference.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.engine.StepShape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StepCostFitTest {
    /** Steps over a grid like the calibration's: prefills (some after cached tokens), decode batches at several contexts, mixed steps. */
    static List<StepShape> grid(SplittableRandom r) {
        List<StepShape> shapes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long prefill = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(1024);
            long cached = r.nextBoolean() ? 0 : r.nextInt(1024); // a recompute or a chunk after cached tokens
            long pairs = prefill * cached + prefill * (prefill + 1) / 2;
            int decode = prefill > 0 && r.nextBoolean() ? 0 : 1 + r.nextInt(32);
            long context = decode * (long) (16 + r.nextInt(2048));
            shapes.add(new StepShape(prefill, pairs, decode, context));
        }
        return shapes;
    }

    @ParameterizedTest
    @CsvSource({"1,RELATIVE", "2,RELATIVE", "3,RELATIVE", "4,RELATIVE", "1,ABSOLUTE", "2,ABSOLUTE", "3,ABSOLUTE", "4,ABSOLUTE"})
    void recoversKnownCoefficientsFromNoisyTimings(long seed, StepCostFit.Weighting w) {
        SplittableRandom r = new SplittableRandom(seed);
        LinearStepCost truth = new LinearStepCost(2e6, 4e4, 3, 5e5, 200);
        List<StepSample> samples = new ArrayList<>();
        for (StepShape s : grid(r)) {
            double noise = 1 + (r.nextDouble() * 2 - 1) * 0.01;
            samples.add(new StepSample(s, Math.round(truth.predict(s) * noise)));
        }
        StepCostFit.Result fit = StepCostFit.fit(samples, 3, w);
        double[] want = truth.coefficients();
        double[] got = fit.model().coefficients();
        for (int i = 0; i < want.length; i++) {
            // noise proportional to time: the relative fit is the efficient one; the absolute fit, led by the long steps, is looser
            double tolerance = w == StepCostFit.Weighting.RELATIVE ? 0.1 : 0.2;
            assertThat(got[i]).as(LinearStepCost.TERMS[i]).isCloseTo(want[i], within(want[i] * tolerance));
        }
        assertThat(fit.r2()).isGreaterThan(0.999);
        assertThat(fit.worst()).hasSize(3);
        assertThat(Math.abs(fit.worst().get(0).relativeError())).isLessThan(0.03)
                .isGreaterThanOrEqualTo(Math.abs(fit.worst().get(2).relativeError()));
        assertThat(fit.samples()).isEqualTo(60);
    }

    @ParameterizedTest
    @EnumSource(StepCostFit.Weighting.class)
    void exactTimingsFitExactlyUnderEitherWeightingAndEachKindIsReported(StepCostFit.Weighting w) {
        LinearStepCost truth = new LinearStepCost(2e6, 4e4, 3, 5e5, 200);
        List<StepSample> samples = new ArrayList<>();
        for (StepShape s : grid(new SplittableRandom(11))) {
            samples.add(new StepSample(s, Math.round(truth.predict(s))));
        }
        StepCostFit.Result fit = StepCostFit.fit(samples, 2, w);
        assertThat(fit.weighting()).isEqualTo(w);
        assertThat(fit.meanAbsRelError()).isLessThan(1e-6);
        assertThat(fit.byKind()).extracting(StepCostFit.KindError::kind).containsExactlyElementsOf(StepCostFit.KINDS);
        assertThat(fit.byKind().stream().mapToInt(StepCostFit.KindError::steps).sum()).isEqualTo(samples.size());
        for (StepCostFit.KindError k : fit.byKind()) {
            assertThat(StepCostFit.kind(k.worst().sample().shape())).isEqualTo(k.kind());
            assertThat(Math.abs(k.sumError())).isLessThan(1e-6);
        }
    }

    /** Least squares on times with a free fixed term leave residuals that sum to zero: the total time is right. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theAbsoluteFitGetsTheSumOfStepTimesRight(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LinearStepCost truth = new LinearStepCost(2e6, 4e4, 3, 5e5, 200);
        List<StepSample> samples = new ArrayList<>();
        for (StepShape s : grid(r)) {
            double noise = 1 + (r.nextDouble() * 2 - 1) * 0.3;
            samples.add(new StepSample(s, Math.round(truth.predict(s) * noise)));
        }
        StepCostFit.Result fit = StepCostFit.fit(samples, 1, StepCostFit.Weighting.ABSOLUTE);
        assertThat(fit.model().fixed()).isPositive();
        double measured = samples.stream().mapToDouble(StepSample::nanos).sum();
        double predicted = samples.stream().mapToDouble(x -> fit.model().predict(x.shape())).sum();
        assertThat(predicted / measured - 1).isCloseTo(0, within(1e-9));
        double mean = 0;
        for (StepSample x : samples) {
            mean += Math.abs(fit.model().predict(x.shape()) - x.nanos()) / x.nanos();
        }
        assertThat(fit.meanAbsRelError()).isCloseTo(mean / samples.size(), within(1e-12));
    }

    @Test
    void exactTimingsGiveTheExactModelAndATermNoStepExercisesIsZero() {
        LinearStepCost truth = new LinearStepCost(1e6, 2e4, 0, 3e5, 100);
        List<StepSample> samples = new ArrayList<>();
        for (StepShape s : grid(new SplittableRandom(9))) {
            StepShape noPairs = new StepShape(s.prefillTokens(), 0, s.decodeTokens(), s.decodeContextTokens());
            samples.add(new StepSample(noPairs, Math.round(truth.predict(noPairs))));
        }
        LinearStepCost got = StepCostFit.fit(samples, 1).model();
        assertThat(got.perPrefillPair()).isZero();
        assertThat(got.fixed()).isCloseTo(1e6, within(1e3));
        assertThat(got.perDecode()).isCloseTo(3e5, within(3e2));
    }

    @Test
    void aTermThatWouldComeOutNegativeIsDroppedAndTheRestRefitted() {
        // times fall slightly with context: least squares would give a negative context cost
        List<StepSample> samples = new ArrayList<>();
        for (int b = 1; b <= 16; b++) {
            for (int ctx : new int[] {100, 1000, 4000}) {
                samples.add(new StepSample(new StepShape(0, 0, b, (long) b * ctx), 1_000_000 + 100_000L * b - 2L * ctx));
            }
        }
        for (int p = 64; p <= 512; p *= 2) {
            samples.add(new StepSample(new StepShape(p, (long) p * (p + 1) / 2, 0, 0), 1_000_000 + 10_000L * p));
        }
        LinearStepCost m = StepCostFit.fit(samples, 1).model();
        for (double c : m.coefficients()) {
            assertThat(c).isGreaterThanOrEqualTo(0);
        }
        assertThat(m.perDecodeContext()).isZero();
        assertThat(m.stepNanos(new StepShape(0, 0, 1, 100))).isPositive();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> StepCostFit.fit(List.of(new StepSample(new StepShape(1, 1, 0, 0), 5)), 1))
                .hasMessage("a fit needs at least 5 measured steps, got 1");
        assertThatThrownBy(() -> new LinearStepCost(1, -2, 0, 0, 0))
                .hasMessage("per-prefill-token: expected a finite number >= 0 (ns), got -2.0");
        assertThatThrownBy(() -> new StepSample(new StepShape(1, 1, 0, 0), 0)).hasMessage("a measured step takes > 0 ns, got 0");
        assertThat(new LinearStepCost(0, 0, 0, 0, 0).stepNanos(new StepShape(0, 0, 1, 1))).isEqualTo(1);
    }
}
