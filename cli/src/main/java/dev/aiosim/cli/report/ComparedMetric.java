package dev.aiosim.cli.report;

import dev.aiosim.cli.results.Metric;
import dev.aiosim.cli.run.RunFigures;
import dev.aiosim.cli.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * A metric that {@code compare.csv} and {@code paired.csv} summarise over seeds, defined once so
 * that both files have the same rows: every summary column, then per priority level
 * {@code p<k>_queueing_mean_s} and {@code p<k>_turnaround_mean_s}.
 *
 * @param column the metric's name in the files
 * @param decimals digits after the point of its summaries (3 for counts, whose means are fractions)
 * @param value its value in one run (NaN where the run could not measure it)
 */
record ComparedMetric(String column, int decimals, ToDoubleFunction<RunFigures> value) {
    /** The metrics of {@code results}, in file order; levels are those of any run. */
    static List<ComparedMetric> all(List<RunResult> results) {
        List<ComparedMetric> all = new ArrayList<>();
        for (Metric m : Metric.SUMMARY) {
            all.add(new ComparedMetric(m.column(), m.decimals() == 0 ? 3 : m.decimals(), f -> f.value(m)));
        }
        SortedSet<Integer> levels = new TreeSet<>();
        results.forEach(r -> levels.addAll(r.figures().levels().keySet()));
        for (int p : levels) {
            all.add(new ComparedMetric("p" + p + "_queueing_mean_s", 6,
                    f -> f.levels().containsKey(p) ? f.levels().get(p).queueingMeanSeconds() : Double.NaN));
            all.add(new ComparedMetric("p" + p + "_turnaround_mean_s", 6,
                    f -> f.levels().containsKey(p) ? f.levels().get(p).turnaroundMeanSeconds() : Double.NaN));
        }
        return all;
    }
}
