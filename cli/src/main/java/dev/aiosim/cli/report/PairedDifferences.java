package dev.aiosim.cli.report;

import dev.aiosim.cli.run.RunFigures;
import dev.aiosim.cli.run.RunResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Paired differences of a policy from a baseline policy. Every policy of an experiment sees the
 * same agents for the same seed, so a policy's run and the baseline's run with that seed form a
 * pair, and the per-seed difference (policy minus baseline) cancels the variation of the workload
 * that both share; the mean of the differences with its 95% Student-t interval ({@link Stats}) is
 * the paired t comparison, usually far narrower than the two policies' separate intervals. Seeds
 * that only one side ran (a stopped invocation) and values either side could not measure (NaN)
 * are left out, so {@code n} counts the pairs that entered.
 */
public final class PairedDifferences {
    /**
     * One run's value of a metric.
     *
     * @param seed the run's seed
     * @param value its value (NaN if not measured)
     */
    public record Sample(long seed, double value) {}

    private PairedDifferences() {}

    /**
     * The differences {@code policy - baseline} over the seeds both have, in the order of
     * {@code policy}, summarised.
     *
     * @throws IllegalArgumentException if a side has a seed twice
     */
    public static Stats of(List<Sample> policy, List<Sample> baseline) {
        Map<Long, Double> base = new HashMap<>();
        for (Sample b : baseline) {
            if (base.put(b.seed(), b.value()) != null) {
                throw new IllegalArgumentException("baseline has seed " + b.seed() + " twice");
            }
        }
        Set<Long> seen = new HashSet<>();
        double[] diffs = new double[policy.size()];
        for (int i = 0; i < diffs.length; i++) {
            Sample s = policy.get(i);
            if (!seen.add(s.seed())) {
                throw new IllegalArgumentException("policy has seed " + s.seed() + " twice");
            }
            Double b = base.get(s.seed());
            diffs[i] = b == null ? Double.NaN : s.value() - b; // NaN: left out by Stats
        }
        return Stats.of(diffs);
    }

    /** {@link #of(List, List)} of the runs' values of {@code value}. */
    static Stats of(List<RunResult> policy, List<RunResult> baseline, ToDoubleFunction<RunFigures> value) {
        return of(samples(policy, value), samples(baseline, value));
    }

    /** Number of seeds both lists of runs have. */
    static int pairs(List<RunResult> policy, List<RunResult> baseline) {
        Set<Long> seeds = new HashSet<>();
        baseline.forEach(r -> seeds.add(r.seed()));
        return (int) policy.stream().filter(r -> seeds.contains(r.seed())).count();
    }

    private static List<Sample> samples(List<RunResult> runs, ToDoubleFunction<RunFigures> value) {
        return runs.stream().map(r -> new Sample(r.seed(), value.applyAsDouble(r.figures()))).toList();
    }
}
