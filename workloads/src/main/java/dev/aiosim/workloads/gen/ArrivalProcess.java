package dev.aiosim.workloads.gen;

import dev.aiosim.kernel.time.VirtualTimeOverflow;
import dev.aiosim.workloads.ArrivalSpec;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * Arrival times of generated agents, in non-decreasing virtual nanoseconds; exists so that
 * closed (all at once) and open (renewal process) workloads share one generator.
 */
public interface ArrivalProcess {
    /** The next agent's arrival time; never less than the previous one. */
    long nextArrivalNanos();

    /**
     * The process a spec describes (see {@link ArrivalSpec}), drawing from {@code random}.
     * Poisson: exponential gaps with mean 1/rate s. Gamma: shape 1/cv^2, scale cv^2/rate s.
     * Onoff: {@link OnOffArrivals}. A diurnal multiplier wraps the process in
     * {@link DiurnalArrivals} (time rescaling).
     */
    static ArrivalProcess of(ArrivalSpec spec, SplittableRandom random) {
        ArrivalProcess base = base(spec, Seeds.provider(random));
        var d = spec.diurnal();
        return d == null ? base : new DiurnalArrivals(base, d.periodSeconds(), d.amplitude(), d.peakSeconds());
    }

    private static ArrivalProcess base(ArrivalSpec spec, UniformRandomProvider rng) {
        return switch (spec.process()) {
            case "all-at-once" -> () -> 0L;
            case "poisson" -> renewal(ExponentialDistribution.of(1.0 / spec.rate()).createSampler(rng));
            case "gamma" -> {
                double shape = 1.0 / (spec.cv() * spec.cv());
                double scale = 1.0 / (spec.rate() * shape);
                yield renewal(GammaDistribution.of(shape, scale).createSampler(rng));
            }
            case "onoff" -> new OnOffArrivals(spec.rateOn(), spec.rateOff(), spec.onSeconds(), spec.offSeconds(), rng);
            default -> throw new IllegalArgumentException("unknown arrival process '" + spec.process()
                    + "', expected one of " + String.join(", ", ArrivalSpec.PROCESSES));
        };
    }

    /** First arrival at 0, then one gap (in seconds) after another, rounded to whole nanoseconds. */
    static ArrivalProcess renewal(ContinuousDistribution.Sampler gapSeconds) {
        String what = "workload.arrivals: the next arrival time";
        return new ArrivalProcess() {
            private long t = -1;

            @Override
            public long nextArrivalNanos() {
                if (t < 0) {
                    t = 0;
                } else {
                    t = VirtualTimeOverflow.add(t, VirtualTimeOverflow.nanosOfSeconds(gapSeconds.sample(), what), what);
                }
                return t;
            }
        };
    }
}
