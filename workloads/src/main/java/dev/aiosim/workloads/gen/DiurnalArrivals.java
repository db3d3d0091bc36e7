package dev.aiosim.workloads.gen;

import dev.aiosim.kernel.time.VirtualTimeOverflow;

/**
 * Gives a base arrival process a periodic rate multiplier
 * {@code m(t) = 1 + A cos(2 pi (t - peak) / P)} by <em>time rescaling</em>: the base process runs
 * in "operational time" tau, and an arrival at tau happens at the real time t with
 * {@code Lambda(t) = tau}, where
 * {@code Lambda(t) = integral_0^t m(s) ds = t + A P / (2 pi) (sin(2 pi (t - peak) / P) + sin(2 pi peak / P))}.
 * For a Poisson base of rate r this is exactly the inhomogeneous Poisson process of rate
 * r m(t) (the time-rescaling theorem, Brown et al., Neural Computation 2002); for gamma and
 * on/off bases the rate at t is likewise the base rate times m(t), and the burstiness (cv, on/off
 * pattern) is kept in operational time, i.e. on/off period lengths are stretched where the rate
 * is low. Chosen over thinning because thinning a gamma renewal process would change its cv.
 *
 * <p>Lambda is strictly increasing (m &gt;= 1 - A &gt; 0) and within {@code A P / pi} of t, so
 * its inverse is found by Newton's method kept inside that bracket, to a relative precision far
 * below a nanosecond over any realistic horizon.
 */
final class DiurnalArrivals implements ArrivalProcess {
    private final ArrivalProcess base;
    private final double amplitude;
    private final double period;
    private final double peak;
    private final double omega;
    private final double offset;
    private long last;

    /**
     * @param base the process in operational time
     * @param periodSeconds P, > 0
     * @param amplitude A, in [0, 1)
     * @param peakSeconds time of the first peak, >= 0
     */
    DiurnalArrivals(ArrivalProcess base, double periodSeconds, double amplitude, double peakSeconds) {
        if (!(periodSeconds > 0) || !(amplitude >= 0 && amplitude < 1) || !(peakSeconds >= 0)) {
            throw new IllegalArgumentException("diurnal needs period > 0, amplitude in [0, 1), peak >= 0; got "
                    + periodSeconds + ", " + amplitude + ", " + peakSeconds);
        }
        this.base = base;
        this.amplitude = amplitude;
        this.period = periodSeconds;
        this.peak = peakSeconds;
        this.omega = 2 * Math.PI / periodSeconds;
        this.offset = Math.sin(omega * peakSeconds);
    }

    /** The rate multiplier at {@code t} seconds. */
    double multiplier(double t) {
        return 1 + amplitude * Math.cos(omega * (t - peak));
    }

    /** Operational time at real time {@code t} seconds. */
    double lambda(double t) {
        return t + amplitude / omega * (Math.sin(omega * (t - peak)) + offset);
    }

    /** Real time at operational time {@code tau} seconds. */
    double inverse(double tau) {
        if (amplitude == 0 || tau == 0) {
            return tau;
        }
        double spread = amplitude * period / Math.PI;
        double lo = Math.max(0, tau - spread);
        double hi = tau + spread;
        double t = tau;
        for (int i = 0; i < 200; i++) {
            double f = lambda(t) - tau;
            if (f == 0) {
                return t;
            }
            if (f > 0) {
                hi = t;
            } else {
                lo = t;
            }
            double next = t - f / multiplier(t);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - t) <= 1e-13 * Math.max(1, Math.abs(t)) || hi - lo <= 1e-13 * Math.max(1, hi)) {
                return next;
            }
            t = next;
        }
        return t;
    }

    @Override
    public long nextArrivalNanos() {
        long tau = base.nextArrivalNanos();
        long t = Math.max(last, VirtualTimeOverflow.nanosOfSeconds(inverse(tau / 1e9), "workload.arrivals: the next arrival time"));
        last = t;
        return t;
    }
}
