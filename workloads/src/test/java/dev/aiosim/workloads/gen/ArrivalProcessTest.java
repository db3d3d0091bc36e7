package dev.aiosim.workloads.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.time.VirtualTimeOverflow;
import dev.aiosim.workloads.ArrivalSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrivalProcessTest {
    private static final int N = 200_000;

    /** Mean (s) and coefficient of variation of N gaps. */
    private static double[] gapStats(ArrivalProcess p) {
        long prev = p.nextArrivalNanos();
        assertThat(prev).isZero();
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            long t = p.nextArrivalNanos();
            assertThat(t).isGreaterThanOrEqualTo(prev);
            double gap = (t - prev) / 1e9;
            sum += gap;
            sumSq += gap * gap;
            prev = t;
        }
        double mean = sum / N;
        double var = sumSq / N - mean * mean;
        return new double[] {mean, Math.sqrt(var) / mean};
    }

    @ParameterizedTest
    @CsvSource({"1e-300, 1", "1e-9, 2"})
    void aRateSoLowThatArrivalsPassTheEndOfVirtualTimeIsAnErrorNotAWrappedClock(double rate, long seed) {
        ArrivalProcess p = ArrivalProcess.of(ArrivalSpec.poisson(rate), new SplittableRandom(seed));
        assertThat(p.nextArrivalNanos()).isZero();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                p.nextArrivalNanos();
            }
        }).isInstanceOf(VirtualTimeOverflow.class)
                .hasMessageStartingWith("workload.arrivals: the next arrival time: virtual time would pass 2^63-1 ns");
    }

    @Test
    void virtualTimeArithmeticIsExact() {
        assertThat(VirtualTimeOverflow.add(Long.MAX_VALUE - 1, 1, "x")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> VirtualTimeOverflow.add(Long.MAX_VALUE, 1, "x")).isInstanceOf(VirtualTimeOverflow.class);
        assertThatThrownBy(() -> VirtualTimeOverflow.nanosOfSeconds(1e10, "x")).isInstanceOf(VirtualTimeOverflow.class);
        assertThatThrownBy(() -> VirtualTimeOverflow.nanosOfSeconds(Double.NaN, "x")).isInstanceOf(VirtualTimeOverflow.class);
        assertThat(VirtualTimeOverflow.nanosOfSeconds(9.2e9, "x")).isEqualTo(9_200_000_000_000_000_000L);
        assertThat(VirtualTimeOverflow.nanosOfSeconds(0.0000000015, "x")).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"5, 1", "5, 7", "0.5, 42", "200, 3"})
    void poissonGapsHaveMeanOneOverRateAndCvOne(double rate, long seed) {
        double[] s = gapStats(ArrivalProcess.of(ArrivalSpec.poisson(rate), new SplittableRandom(seed)));
        assertThat(s[0]).isCloseTo(1 / rate, within(0.01 / rate));
        assertThat(s[1]).isCloseTo(1.0, within(0.02));
    }

    @ParameterizedTest
    @CsvSource({"5, 2, 1", "5, 0.5, 2", "10, 1, 3", "1, 3, 4"})
    void gammaGapsHaveMeanOneOverRateAndTheGivenCv(double rate, double cv, long seed) {
        double[] s = gapStats(ArrivalProcess.of(ArrivalSpec.gamma(rate, cv), new SplittableRandom(seed)));
        assertThat(s[0]).isCloseTo(1 / rate, within(0.03 / rate));
        assertThat(s[1]).isCloseTo(cv, within(0.05 * cv));
    }

    @Test
    void allAtOnceIsAlwaysZero() {
        ArrivalProcess p = ArrivalProcess.of(ArrivalSpec.allAtOnce(), new SplittableRandom(1));
        for (int i = 0; i < 100; i++) {
            assertThat(p.nextArrivalNanos()).isZero();
        }
    }

    @Test
    void sameStreamSameTimes() {
        ArrivalProcess a = ArrivalProcess.of(ArrivalSpec.gamma(3, 2), Seeds.stream(9, Seeds.ARRIVALS, 0));
        ArrivalProcess b = ArrivalProcess.of(ArrivalSpec.gamma(3, 2), Seeds.stream(9, Seeds.ARRIVALS, 0));
        ArrivalProcess c = ArrivalProcess.of(ArrivalSpec.gamma(3, 2), Seeds.stream(10, Seeds.ARRIVALS, 0));
        boolean differs = false;
        for (int i = 0; i < 1000; i++) {
            long ta = a.nextArrivalNanos();
            assertThat(b.nextArrivalNanos()).isEqualTo(ta);
            differs |= c.nextArrivalNanos() != ta;
        }
        assertThat(differs).isTrue();
    }
}
