package dev.aiosim.kernel.engine.profiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiecewiseLinearTest {
    private static final double EPS = 1e-12;

    @Test
    void measuredPointsAreReturnedAsMeasured() {
        PiecewiseLinear f = PiecewiseLinear.of(new double[] {1, 8, 16}, new double[] {0.5, 1.0, 3.0});
        assertThat(f.at(1)).isEqualTo(0.5);
        assertThat(f.at(8)).isEqualTo(1.0);
        assertThat(f.at(16)).isEqualTo(3.0);
    }

    @Test
    void betweenPointsTheTimeIsLinear() {
        PiecewiseLinear f = PiecewiseLinear.of(new double[] {16, 1, 8}, new double[] {3.0, 0.5, 1.0});
        // (8, 1.0) .. (16, 3.0): at 10 = 1.0 + 2/8 * 2.0 = 1.5
        assertThat(f.at(10)).isCloseTo(1.5, within(EPS));
        // (1, 0.5) .. (8, 1.0): at 4.5 = 0.5 + 3.5/7 * 0.5 = 0.75
        assertThat(f.at(4.5)).isCloseTo(0.75, within(EPS));
    }

    @Test
    void repeatedKeysAreAveraged() {
        PiecewiseLinear f = PiecewiseLinear.of(new double[] {2048, 2048, 4096}, new double[] {4.431, 4.549, 8.6});
        assertThat(f.at(2048)).isCloseTo(4.49, within(EPS));
        assertThat(f.keys()).containsExactly(2048, 4096);
    }

    @Test
    void aDipIsRaisedToTheLargestEarlierValue() {
        PiecewiseLinear f = PiecewiseLinear.of(new double[] {1, 2, 3, 4}, new double[] {1.0, 2.0, 1.5, 3.0});
        assertThat(f.values()).containsExactly(1.0, 2.0, 2.0, 3.0);
        assertThat(f.at(2.5)).isEqualTo(2.0);
    }

    @Test
    void belowTheFirstKeyTheFirstValueHolds() {
        PiecewiseLinear f = PiecewiseLinear.of(new double[] {64, 128}, new double[] {0.2, 0.3});
        assertThat(f.at(1)).isEqualTo(0.2);
        assertThat(f.at(0)).isEqualTo(0.2);
    }

    @Test
    void aboveTheLastKeyTheSecantOverTheUpperHalfContinues() {
        // last key 16, half 8: secant from (8, 2) to (16, 6), slope 0.5 per unit
        PiecewiseLinear f = PiecewiseLinear.of(new double[] {1, 4, 8, 12, 16}, new double[] {1, 1.5, 2, 5.9, 6});
        assertThat(f.at(20)).isCloseTo(6 + 0.5 * 4, within(EPS));
        // two points: the segment itself
        PiecewiseLinear g = PiecewiseLinear.of(new double[] {10, 20}, new double[] {1, 3});
        assertThat(g.at(25)).isCloseTo(4, within(EPS));
        // one point: constant everywhere
        PiecewiseLinear h = PiecewiseLinear.of(new double[] {10}, new double[] {1});
        assertThat(h.at(1000)).isEqualTo(1);
    }

    @Test
    void refusesEmptyOrMismatchedOrNonFinitePoints() {
        assertThatThrownBy(() -> PiecewiseLinear.of(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PiecewiseLinear.of(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PiecewiseLinear.of(new double[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void noisyPointsGiveANonDecreasingPositiveFunction(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(40);
        double[] k = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = r.nextInt(1, 5000);
            v[i] = 0.01 + k[i] * 0.002 * (0.8 + 0.4 * r.nextDouble());
        }
        PiecewiseLinear f = PiecewiseLinear.of(k, v);
        double prev = 0;
        for (double x = 0; x <= 8000; x += 7.5) {
            double y = f.at(x);
            assertThat(y).isGreaterThan(0).isGreaterThanOrEqualTo(prev);
            prev = y;
        }
    }
}
