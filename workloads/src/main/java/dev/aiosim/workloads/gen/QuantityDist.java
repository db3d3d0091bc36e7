package dev.aiosim.workloads.gen;

import dev.aiosim.workloads.DistSpec;
import dev.aiosim.workloads.DistSpec.Unit;
import java.nio.file.Path;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.apache.commons.statistics.distribution.UniformDiscreteDistribution;

/**
 * A resolved {@link DistSpec}: immutable and shared by all agents, it hands each agent a sampler
 * bound to that agent's own random stream. Samples are whole tokens (rounded, clamped to
 * [min, max] and to at least 1) or whole nanoseconds (clamped to [min, max] and to at least 0).
 */
public final class QuantityDist {
    private final Unit unit;
    private final Function<UniformRandomProvider, DoubleSupplier> raw;
    private final double lo;
    private final double hi;
    private final String description;

    private QuantityDist(Unit unit, Function<UniformRandomProvider, DoubleSupplier> raw, double lo, double hi,
                         String description) {
        this.unit = unit;
        this.raw = raw;
        this.lo = lo;
        this.hi = hi;
        this.description = description;
    }

    /**
     * Resolves a validated spec; empirical files are read here.
     *
     * @param path the spec path, for messages
     * @param baseDir folder relative empirical files are resolved against
     * @param columns cache of empirical columns shared by one workload
     */
    public static QuantityDist of(DistSpec spec, Unit unit, String path, Path baseDir, EmpiricalColumn.Cache columns) {
        spec.validate(path, unit);
        double lo = spec.number("min", unit);
        double hi = spec.number("max", unit);
        Function<UniformRandomProvider, DoubleSupplier> raw;
        switch (spec.dist()) {
            case "fixed" -> {
                double v = spec.number("value", unit);
                raw = rng -> () -> v;
                lo = Double.NaN;
                hi = Double.NaN;
            }
            case "uniform" -> {
                double a = lo;
                double b = hi;
                if (a == b) {
                    raw = rng -> () -> a;
                } else if (unit == Unit.DURATION) {
                    UniformContinuousDistribution d = UniformContinuousDistribution.of(a, b);
                    raw = rng -> sampler(d, rng);
                } else {
                    UniformDiscreteDistribution d = UniformDiscreteDistribution.of((int) a, (int) b);
                    raw = rng -> {
                        var s = d.createSampler(rng);
                        return s::sample;
                    };
                }
            }
            case "lognormal" -> {
                double mean = spec.number("mean", unit);
                double sigma = spec.number("sigma", unit);
                if (sigma == 0) {
                    raw = rng -> () -> mean;
                } else {
                    LogNormalDistribution d = LogNormalDistribution.of(Math.log(mean) - sigma * sigma / 2, sigma);
                    raw = rng -> sampler(d, rng);
                }
            }
            case "exponential" -> {
                ExponentialDistribution d = ExponentialDistribution.of(spec.number("mean", unit));
                raw = rng -> sampler(d, rng);
            }
            case "empirical" -> {
                int[] values;
                try {
                    values = columns.get(baseDir.resolve(spec.file()), spec.column());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
                }
                if (values.length == 0) {
                    throw new IllegalArgumentException(path + ".file: expected at least one value in column '"
                            + spec.column() + "', got none in " + baseDir.resolve(spec.file()));
                }
                raw = rng -> () -> values[rng.nextInt(values.length)];
            }
            default -> throw new IllegalArgumentException(path + ".dist: unknown '" + spec.dist() + "'");
        }
        return new QuantityDist(unit, raw, lo, hi, spec.toString());
    }

    private static DoubleSupplier sampler(ContinuousDistribution d, UniformRandomProvider rng) {
        ContinuousDistribution.Sampler s = d.createSampler(rng);
        return s::sample;
    }

    /** A sampler drawing from {@code rng} (one agent's stream); tokens, rounds or nanoseconds. */
    public LongSupplier sampler(UniformRandomProvider rng) {
        DoubleSupplier s = raw.apply(rng);
        return () -> convert(s.getAsDouble());
    }

    long convert(double x) {
        if (x < lo) {
            x = lo;
        }
        if (x > hi) {
            x = hi;
        }
        if (unit == Unit.DURATION) {
            double nanos = x * 1e9;
            return nanos <= 0 ? 0 : nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(nanos);
        }
        long v = Math.round(x);
        return Math.max(1, Math.min(v, Integer.MAX_VALUE));
    }

    public Unit unit() {
        return unit;
    }

    @Override
    public String toString() {
        return description;
    }
}
