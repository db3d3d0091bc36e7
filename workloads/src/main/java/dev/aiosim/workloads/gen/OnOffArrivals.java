package dev.aiosim.workloads.gen;

import dev.aiosim.kernel.time.VirtualTimeOverflow;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;

/**
 * Bursty arrivals as a two-state Markov-modulated Poisson process (MMPP-2; Fischer and
 * Meier-Hellstern, Performance Evaluation 1993): Poisson at {@code rateOn} during on periods and
 * at {@code rateOff} during off periods, with exponential period lengths. Exists because agent
 * traffic comes in bursts that a renewal process with the same mean cannot reproduce.
 *
 * <p>Simulated exactly (no time step): from the current time, draw the gap to the next arrival at
 * the current state's rate; if it falls after the current period ends, move to the period's end,
 * switch state, draw the new period's length and try again (the exponential gap is memoryless, so
 * discarding the overshoot is exact). The initial state is on with probability
 * {@code on / (on + off)} (the stationary distribution), and the first agent arrives at t = 0.
 * Times are kept in seconds as a double and rounded to whole nanoseconds when returned.
 */
final class OnOffArrivals implements ArrivalProcess {
    private final double[] rate = new double[2];
    private final ContinuousDistribution.Sampler[] gap = new ContinuousDistribution.Sampler[2];
    private final ContinuousDistribution.Sampler[] period = new ContinuousDistribution.Sampler[2];
    private int state;
    private double now;
    private double periodEnd;
    private boolean started;
    private long last;

    /**
     * @param rateOn arrivals per second while on, > 0
     * @param rateOff arrivals per second while off, >= 0
     * @param onSeconds mean on-period length, > 0
     * @param offSeconds mean off-period length, > 0
     */
    OnOffArrivals(double rateOn, double rateOff, double onSeconds, double offSeconds, UniformRandomProvider rng) {
        if (!(rateOn > 0) || !(rateOff >= 0) || !(onSeconds > 0) || !(offSeconds > 0)) {
            throw new IllegalArgumentException("onoff needs rate-on > 0, rate-off >= 0, on > 0, off > 0; got "
                    + rateOn + ", " + rateOff + ", " + onSeconds + ", " + offSeconds);
        }
        rate[0] = rateOn;
        rate[1] = rateOff;
        gap[0] = ExponentialDistribution.of(1.0 / rateOn).createSampler(rng);
        gap[1] = rateOff > 0 ? ExponentialDistribution.of(1.0 / rateOff).createSampler(rng) : null;
        period[0] = ExponentialDistribution.of(onSeconds).createSampler(rng);
        period[1] = ExponentialDistribution.of(offSeconds).createSampler(rng);
        state = rng.nextDouble() < onSeconds / (onSeconds + offSeconds) ? 0 : 1;
        periodEnd = period[state].sample();
    }

    @Override
    public long nextArrivalNanos() {
        if (!started) {
            started = true;
            return 0;
        }
        while (true) {
            double g = gap[state] == null ? Double.POSITIVE_INFINITY : gap[state].sample();
            if (now + g < periodEnd) {
                now += g;
                break;
            }
            now = periodEnd;
            state = 1 - state;
            periodEnd = now + period[state].sample();
        }
        long t = Math.max(last, VirtualTimeOverflow.nanosOfSeconds(now, "workload.arrivals: the next arrival time"));
        last = t;
        return t;
    }
}
