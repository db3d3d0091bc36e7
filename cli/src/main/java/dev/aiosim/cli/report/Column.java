package dev.aiosim.cli.report;

import dev.aiosim.cli.results.Metric;
import dev.aiosim.cli.run.RunFigures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * A console column: a title, how to read the value from a run and how to show it. The same
 * columns serve the per-run table and the comparison table.
 *
 * @param title header text
 * @param value value of one run
 * @param format how a value is shown
 */
record Column(String title, ToDoubleFunction<RunFigures> value, DoubleFunction<String> format) {
    /** The key columns: tokens/s, queueing and E2E mean and p99, turnaround, per-priority turnaround, preemptions. */
    static List<Column> key(Collection<RunFigures> runs) {
        List<Column> cols = new ArrayList<>();
        cols.add(summary("tok/s", "tokens_per_s", Cells::num));
        cols.add(summary("queue mean s", "queueing_mean_s", Cells::secs));
        cols.add(summary("queue p99 s", "queueing_p99_s", Cells::secs));
        cols.add(summary("e2e mean s", "e2e_mean_s", Cells::secs));
        cols.add(summary("e2e p99 s", "e2e_p99_s", Cells::secs));
        cols.add(summary("turnaround s", "turnaround_mean_s", Cells::secs));
        SortedSet<Integer> levels = new TreeSet<>();
        runs.forEach(f -> levels.addAll(f.levels().keySet()));
        if (levels.size() > 1) {
            for (int p : levels) {
                cols.add(new Column("turn p" + p + " s", f -> f.levels().containsKey(p)
                        ? f.levels().get(p).turnaroundMeanSeconds() : Double.NaN, Cells::secs));
            }
        }
        cols.add(summary("preempt", "preemptions", Cells::count));
        return cols;
    }

    /** A column showing the summary metric named {@code column}. */
    private static Column summary(String title, String column, DoubleFunction<String> format) {
        Metric m = Metric.byColumn(column);
        return new Column(title, f -> f.value(m), format);
    }
}
