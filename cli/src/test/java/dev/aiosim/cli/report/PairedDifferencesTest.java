package dev.aiosim.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.cli.report.PairedDifferences.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paired differences against hand-computed figures, and the properties that make pairing worth it. */
class PairedDifferencesTest {
    /** t(0.975, 2) in closed form: for 2 degrees of freedom, t_p = (2p - 1) / sqrt(2 p (1 - p)). */
    private static final double T_975_2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

    private static List<Sample> samples(long firstSeed, double... values) {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            s.add(new Sample(firstSeed + i, values[i]));
        }
        return s;
    }

    @Test
    void threeSeedsByHand() {
        // differences 10-8, 12-11, 15-11 = 2, 1, 4: mean 7/3, squared deviations 1/9 + 16/9 + 25/9 = 42/9,
        // variance 42/9/2 = 7/3, half-width t(0.975,2) sqrt(7/3)/sqrt(3) = t sqrt(7)/3 ~ 4.3027 x 0.8819 ~ 3.7946
        Stats s = PairedDifferences.of(samples(5, 10, 12, 15), samples(5, 8, 11, 11));
        assertThat(T_975_2).isCloseTo(4.3027, within(1e-4));
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(s.stddev()).isCloseTo(Math.sqrt(7.0 / 3), within(1e-12));
        assertThat(s.halfWidth()).isCloseTo(T_975_2 * Math.sqrt(7) / 3, within(1e-9));
        assertThat(s.low()).isCloseTo(-1.4613, within(1e-4));
        assertThat(s.high()).isCloseTo(6.1279, within(1e-4));
        assertThat(s.excludesZero()).isFalse();
    }

    @Test
    void differencesOfTwoThreeFourExcludeZero() {
        // mean 3, stddev 1, half-width t(0.975,2)/sqrt(3) ~ 2.4841: [0.5159, 5.4841]
        Stats s = PairedDifferences.of(samples(1, 12, 13, 14), samples(1, 10, 10, 10));
        assertThat(s.mean()).isCloseTo(3, within(1e-12));
        assertThat(s.stddev()).isCloseTo(1, within(1e-12));
        assertThat(s.low()).isCloseTo(3 - T_975_2 / Math.sqrt(3), within(1e-9)).isCloseTo(0.5159, within(1e-4));
        assertThat(s.excludesZero()).isTrue();
        // the same result with the sides swapped is its mirror image
        Stats back = PairedDifferences.of(samples(1, 10, 10, 10), samples(1, 12, 13, 14));
        assertThat(back.mean()).isEqualTo(-s.mean());
        assertThat(back.high()).isEqualTo(-s.low());
        assertThat(back.excludesZero()).isTrue();
    }

    @Test
    void constantDifferencesHaveAZeroWidthInterval() {
        Stats shift = PairedDifferences.of(samples(1, 6, 7, 9), samples(1, 1, 2, 4));
        assertThat(shift.mean()).isEqualTo(5);
        assertThat(shift.halfWidth()).isZero();
        assertThat(shift.excludesZero()).isTrue();
        Stats same = PairedDifferences.of(samples(1, 6, 7, 9), samples(1, 6, 7, 9));
        assertThat(same.mean()).isZero();
        assertThat(same.excludesZero()).isFalse(); // [0, 0] holds 0
    }

    @Test
    void pairsBySeedNotByPosition() {
        List<Sample> base = List.of(new Sample(7, 11), new Sample(6, 11), new Sample(5, 8));
        Stats s = PairedDifferences.of(samples(5, 10, 12, 15), base);
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(7.0 / 3, within(1e-12));
    }

    @Test
    void unpairedSeedsAndUnmeasuredValuesAreLeftOut() {
        // seed 4 has no baseline run (a stopped invocation), seed 2 no value: pairs 1 and 3 remain, 3 and 5
        Stats s = PairedDifferences.of(samples(1, 4, Double.NaN, 7, 100), samples(1, 1, 1, 2));
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.mean()).isCloseTo(4, within(1e-12));
        Stats none = PairedDifferences.of(samples(1, 4, 5), List.of());
        assertThat(none.n()).isZero();
        assertThat(none.mean()).isNaN();
    }

    @Test
    void onePairHasADifferenceAndNoInterval() {
        Stats s = PairedDifferences.of(samples(9, 2.5), samples(9, 1));
        assertThat(s.n()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(1.5);
        assertThat(s.halfWidth()).isNaN();
        assertThat(s.low()).isNaN();
        assertThat(s.excludesZero()).isFalse();
    }

    @Test
    void aSeedTwiceIsRefused() {
        assertThatThrownBy(() -> PairedDifferences.of(samples(1, 1, 2), List.of(new Sample(1, 0), new Sample(1, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 1 twice");
        assertThatThrownBy(() -> PairedDifferences.of(List.of(new Sample(1, 0), new Sample(1, 0)), samples(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 1 twice");
    }

    /**
     * What pairing buys: a per-seed effect that both policies share (a heavier workload for one
     * seed) leaves the paired difference unchanged, while the unpaired means of both sides move;
     * the paired mean is the difference of the two means.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aWorkloadEffectSharedByBothSidesCancels(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(20);
        double[] policy = new double[n];
        double[] base = new double[n];
        double[] shiftedPolicy = new double[n];
        double[] shiftedBase = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = rnd.nextDouble() * 10;
            policy[i] = base[i] + 1 + rnd.nextGaussian();
            double workload = rnd.nextDouble() * 1000; // dwarfs the policy effect
            shiftedBase[i] = base[i] + workload;
            shiftedPolicy[i] = policy[i] + workload;
        }
        Stats plain = PairedDifferences.of(samples(0, policy), samples(0, base));
        Stats shifted = PairedDifferences.of(samples(0, shiftedPolicy), samples(0, shiftedBase));
        assertThat(shifted.n()).isEqualTo(n);
        assertThat(shifted.mean()).isCloseTo(plain.mean(), within(1e-9));
        assertThat(shifted.halfWidth()).isCloseTo(plain.halfWidth(), within(1e-9));
        assertThat(shifted.mean()).isCloseTo(Stats.of(shiftedPolicy).mean() - Stats.of(shiftedBase).mean(), within(1e-9));
        // unpaired, the shared workload effect widens each side's own interval far past the paired one
        assertThat(Stats.of(shiftedPolicy).halfWidth()).isGreaterThan(shifted.halfWidth());
    }
}
