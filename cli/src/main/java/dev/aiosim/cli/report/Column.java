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
    private static final Metric SLO_MET = Metric.byColumn("slo_met");
    private static final Metric CALLS = Metric.byColumn("calls");

    /**
     * The key columns: tokens/s; with an SLO, TTFT p99, goodput and SLO attainment; queueing and
     * E2E mean and p99, mean turnaround, mean turnaround per priority level (when there are
     * several), preemptions. Titles name the statistic ({@code mean}, {@code p99}) and the unit.
     */
    static List<Column> key(Collection<RunFigures> runs, boolean slo) {
        List<Column> cols = new ArrayList<>();
        cols.add(summary("tokens/s", "tokens_per_s", Cells::num));
        if (slo) {
            cols.add(summary("TTFT p99 s", "ttft_p99_s", Cells::secs));
            cols.add(summary("goodput/s", "goodput_per_s", Cells::num));
            cols.add(new Column("SLO met %", Column::sloAttainmentPercent, Cells::num));
        }
        cols.add(summary("queueing mean s", "queueing_mean_s", Cells::secs));
        cols.add(summary("queueing p99 s", "queueing_p99_s", Cells::secs));
        cols.add(summary("e2e mean s", "e2e_mean_s", Cells::secs));
        cols.add(summary("e2e p99 s", "e2e_p99_s", Cells::secs));
        cols.add(summary("turnaround mean s", "turnaround_mean_s", Cells::secs));
        SortedSet<Integer> levels = new TreeSet<>();
        runs.forEach(f -> levels.addAll(f.levels().keySet()));
        if (levels.size() > 1) {
            for (int p : levels) {
                cols.add(new Column("prio " + p + " turnaround s", f -> f.levels().containsKey(p)
                        ? f.levels().get(p).turnaroundMeanSeconds() : Double.NaN, Cells::secs));
            }
        }
        cols.add(summary("preemptions", "preemptions", Cells::count));
        return cols;
    }

    /** SLO attainment in percent: submitted calls that completed meeting every SLO; NaN without calls. */
    static double sloAttainmentPercent(RunFigures f) {
        double calls = f.value(CALLS);
        return calls == 0 ? Double.NaN : 100 * f.value(SLO_MET) / calls;
    }

    /** A column showing the summary metric named {@code column}. */
    private static Column summary(String title, String column, DoubleFunction<String> format) {
        Metric m = Metric.byColumn(column);
        return new Column(title, f -> f.value(m), format);
    }
}
