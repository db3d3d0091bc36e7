package dev.aiosim.cli.report;

import dev.aiosim.kernel.metrics.Histograms;
import dev.aiosim.kernel.metrics.RunMetrics;
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
record Column(String title, ToDoubleFunction<RunMetrics> value, DoubleFunction<String> format) {
    /** The key columns: tokens/s, queueing and E2E mean and p99, turnaround, per-priority turnaround, preemptions. */
    static List<Column> key(Collection<RunMetrics> runs) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("tok/s", RunMetrics::outputTokensPerSecond, Cells::num));
        cols.add(new Column("queue mean s", m -> Histograms.meanSeconds(m.queueing()), Cells::secs));
        cols.add(new Column("queue p99 s", m -> Histograms.seconds(m.queueing(), 99), Cells::secs));
        cols.add(new Column("e2e mean s", m -> Histograms.meanSeconds(m.e2e()), Cells::secs));
        cols.add(new Column("e2e p99 s", m -> Histograms.seconds(m.e2e(), 99), Cells::secs));
        cols.add(new Column("turnaround s", m -> Histograms.meanSeconds(m.turnaround()), Cells::secs));
        SortedSet<Integer> levels = new TreeSet<>();
        runs.forEach(m -> levels.addAll(m.classes().keySet()));
        if (levels.size() > 1) {
            for (int p : levels) {
                cols.add(new Column("turn p" + p + " s", m -> m.classes().containsKey(p)
                        ? Histograms.meanSeconds(m.classes().get(p).agentTurnaround()) : Double.NaN, Cells::secs));
            }
        }
        cols.add(new Column("preempt", RunMetrics::preemptions, Cells::count));
        return cols;
    }
}
