package dev.aiosim.workloads.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.workloads.ArrivalSpec;
import dev.aiosim.workloads.DiurnalSpec;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On/off bursts and the diurnal multiplier: long-run rates and peak/trough counts against their
 * closed forms, with tolerances of 4 standard errors derived from the number of arrivals and the
 * process's index of dispersion.
 */
class BurstyArrivalsTest {

    /** Arrivals in [0, horizon) seconds, checking order and the first arrival at 0. */
    private static long countUntil(ArrivalProcess p, double horizonSeconds) {
        long prev = p.nextArrivalNanos();
        assertThat(prev).isZero();
        long n = 1;
        long end = (long) (horizonSeconds * 1e9);
        while (true) {
            long t = p.nextArrivalNanos();
            assertThat(t).isGreaterThanOrEqualTo(prev);
            if (t >= end) {
                return n;
            }
            n++;
            prev = t;
        }
    }

    /**
     * Asymptotic variance of an MMPP-2's count per unit time (its index of dispersion times its
     * rate): mean + 2 pi_on pi_off (r_on - r_off)^2 / (alpha + beta), with switching rates
     * alpha = 1/on, beta = 1/off (Fischer and Meier-Hellstern 1993).
     */
    static double onOffVarianceRate(double rOn, double rOff, double on, double off) {
        double mean = (rOn * on + rOff * off) / (on + off);
        double piOn = on / (on + off);
        double piOff = off / (on + off);
        return mean + 2 * piOn * piOff * (rOn - rOff) * (rOn - rOff) / (1 / on + 1 / off);
    }

    @ParameterizedTest(name = "on {0}/s for {2}s, off {1}/s for {3}s, seed {4}")
    @CsvSource({"20, 1, 30, 60, 1", "20, 0, 30, 60, 2", "5, 2, 2, 8, 3", "100, 0.5, 1, 20, 4"})
    void onOffLongRunRateIsTheTimeWeightedRate(double rOn, double rOff, double on, double off, long seed) {
        ArrivalProcess p = ArrivalProcess.of(ArrivalSpec.onOff(rOn, rOff, on + "s", off + "s"), new SplittableRandom(seed));
        double horizon = 4000 * (on + off);
        long n = countUntil(p, horizon) - 1; // the arrival at t = 0 is not part of the stationary process
        double expected = (rOn * on + rOff * off) / (on + off);
        double se = Math.sqrt(onOffVarianceRate(rOn, rOff, on, off) / horizon);
        assertThat(n / horizon).isCloseTo(expected, within(4 * se));
    }

    @Test
    void onOffIsBurstierThanPoissonOfTheSameRate() {
        // counts in 10 s windows: variance/mean near 1 for Poisson, far above for on/off
        double onOff = dispersion(ArrivalProcess.of(ArrivalSpec.onOff(20, 1, 30, 60), new SplittableRandom(7)));
        double poisson = dispersion(ArrivalProcess.of(ArrivalSpec.poisson(22.0 / 3), new SplittableRandom(7)));
        assertThat(poisson).isCloseTo(1.0, within(0.1));
        assertThat(onOff).isGreaterThan(20);
    }

    private static double dispersion(ArrivalProcess p) {
        int windows = 20_000;
        long[] counts = new long[windows];
        p.nextArrivalNanos();
        for (long t = p.nextArrivalNanos(); t < windows * 10_000_000_000L; t = p.nextArrivalNanos()) {
            counts[(int) (t / 10_000_000_000L)]++;
        }
        double mean = 0;
        for (long c : counts) {
            mean += c;
        }
        mean /= windows;
        double var = 0;
        for (long c : counts) {
            var += (c - mean) * (c - mean);
        }
        return var / (windows - 1) / mean;
    }

    static Stream<Arguments> diurnal() {
        // base spec, its long-run rate, index of dispersion of its counts over long windows
        return Stream.of(
                Arguments.of(ArrivalSpec.poisson(5), 5.0, 1.0, 0.5, 1L),
                Arguments.of(ArrivalSpec.poisson(2), 2.0, 1.0, 0.9, 2L),
                Arguments.of(ArrivalSpec.gamma(5, 2), 5.0, 4.0, 0.5, 3L),
                Arguments.of(ArrivalSpec.onOff(20, 1, 3, 6), 22.0 / 3, onOffVarianceRate(20, 1, 3, 6) / (22.0 / 3), 0.6, 4L));
    }

    @ParameterizedTest(name = "{0} amplitude {3} seed {4}")
    @MethodSource("diurnal")
    void diurnalPeakAndTroughCountsFollowTheCosine(ArrivalSpec base, double rate, double dispersion, double amplitude,
                                                  long seed) {
        double period = 1000;
        double peak = 300;
        int periods = 200;
        ArrivalProcess p = ArrivalProcess.of(base.withDiurnal(new DiurnalSpec(period + "s", amplitude, peak)),
                new SplittableRandom(seed));
        double w = period / 8; // windows of a quarter period around every peak and every trough
        long total = 0;
        long atPeak = 0;
        long atTrough = 0;
        p.nextArrivalNanos();
        for (long t = p.nextArrivalNanos(); t < periods * period * 1e9; t = p.nextArrivalNanos()) {
            total++;
            double phase = ((t / 1e9 - peak) % period + period) % period; // 0 at a peak
            if (phase <= w || phase >= period - w) {
                atPeak++;
            } else if (Math.abs(phase - period / 2) <= w) {
                atTrough++;
            }
        }
        // integral of 1 + A cos(2 pi s / P) over |s| <= w, and around the trough
        double swing = amplitude * period / Math.PI * Math.sin(2 * Math.PI * w / period);
        double expectedPeak = rate * periods * (2 * w + swing);
        double expectedTrough = rate * periods * (2 * w - swing);
        double expectedTotal = rate * periods * period; // the cosine integrates to 0 over whole periods
        assertThat((double) total).isCloseTo(expectedTotal, within(4 * Math.sqrt(dispersion * expectedTotal)));
        assertThat((double) atPeak).isCloseTo(expectedPeak, within(4 * Math.sqrt(dispersion * expectedPeak)));
        assertThat((double) atTrough).isCloseTo(expectedTrough, within(4 * Math.sqrt(dispersion * expectedTrough)));
        double ratio = (2 * w + swing) / (2 * w - swing);
        double ratioSe = ratio * Math.sqrt(dispersion * (1 / expectedPeak + 1 / expectedTrough));
        assertThat((double) atPeak / atTrough).isCloseTo(ratio, within(4 * ratioSe));
    }

    @ParameterizedTest
    @CsvSource({"86400, 0.5, 50400", "1000, 0.9, 0", "60, 0.3, 45", "3600, 0, 10"})
    void timeRescalingInvertsTheCumulativeMultiplier(double period, double amplitude, double peak) {
        DiurnalArrivals d = new DiurnalArrivals(() -> 0L, period, amplitude, peak);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double t = rnd.nextDouble() * 30 * period;
            double tau = d.lambda(t);
            assertThat(d.inverse(tau)).isCloseTo(t, within(1e-9 * Math.max(1, t)));
            // Lambda' = m: a central difference of Lambda matches the multiplier
            double h = period * 1e-6;
            assertThat((d.lambda(t + h) - d.lambda(t - h)) / (2 * h)).isCloseTo(d.multiplier(t), within(1e-6));
        }
        assertThat(d.lambda(0)).isZero();
        assertThat(d.lambda(7 * period)).isCloseTo(7 * period, within(1e-9 * period));
    }

    @Test
    void sameStreamSameTimes() {
        for (ArrivalSpec spec : new ArrivalSpec[] {
                ArrivalSpec.onOff(20, 1, "30s", "1m"),
                ArrivalSpec.gamma(3, 2).withDiurnal(new DiurnalSpec("24h", 0.5, "14h")),
                ArrivalSpec.onOff(20, 0, 30, 60).withDiurnal(new DiurnalSpec(600, 0.8, null))}) {
            ArrivalProcess a = ArrivalProcess.of(spec, Seeds.stream(9, Seeds.ARRIVALS, 0));
            ArrivalProcess b = ArrivalProcess.of(spec, Seeds.stream(9, Seeds.ARRIVALS, 0));
            ArrivalProcess c = ArrivalProcess.of(spec, Seeds.stream(10, Seeds.ARRIVALS, 0));
            boolean differs = false;
            for (int i = 0; i < 5000; i++) {
                long ta = a.nextArrivalNanos();
                assertThat(b.nextArrivalNanos()).isEqualTo(ta);
                differs |= c.nextArrivalNanos() != ta;
            }
            assertThat(differs).as(spec.toString()).isTrue();
        }
    }
}
