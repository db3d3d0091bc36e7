package dev.aiosim.cli.report;

import dev.aiosim.cli.results.Fmt;
import dev.aiosim.cli.results.Metric;
import dev.aiosim.cli.run.RunFigures;
import dev.aiosim.cli.run.RunResult;
import dev.aiosim.cli.spec.PolicyEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code compare.csv}: one row per policy and metric (every summary column, plus per priority
 * level {@code p<k>_queueing_mean_s} and {@code p<k>_turnaround_mean_s}) with n, mean, sample
 * standard deviation and the 95% Student-t interval across seeds.
 */
public final class CompareCsv {
    static final String[] HEADER = {"policy", "clairvoyant", "metric", "n", "mean", "stddev", "ci95_low", "ci95_high"};

    private CompareCsv() {}

    /** Writes the file to {@code out}. */
    public static void write(Writer out, List<RunResult> results) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get();
        SortedSet<Integer> levels = new TreeSet<>();
        results.forEach(r -> levels.addAll(r.figures().levels().keySet()));
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Map.Entry<PolicyEntry, List<RunResult>> e : CompareTable.byPolicy(results).entrySet()) {
                for (Metric m : Metric.SUMMARY) {
                    row(csv, e.getKey(), m.column(), e.getValue(), f -> f.value(m), m.decimals() == 0 ? 3 : m.decimals());
                }
                for (int p : levels) {
                    row(csv, e.getKey(), "p" + p + "_queueing_mean_s", e.getValue(),
                            f -> level(f, p) == null ? Double.NaN : level(f, p).queueingMeanSeconds(), 6);
                    row(csv, e.getKey(), "p" + p + "_turnaround_mean_s", e.getValue(),
                            f -> level(f, p) == null ? Double.NaN : level(f, p).turnaroundMeanSeconds(), 6);
                }
            }
        }
    }

    private static RunFigures.Level level(RunFigures f, int p) {
        return f.levels().get(p);
    }

    private static void row(CSVPrinter out, PolicyEntry p, String metric, List<RunResult> runs,
                            ToDoubleFunction<RunFigures> f, int decimals) throws IOException {
        Stats s = Stats.of(runs.stream().mapToDouble(r -> f.applyAsDouble(r.figures())).toArray());
        List<String> row = new ArrayList<>(List.of(p.label(), Boolean.toString(p.clairvoyant()), metric,
                Integer.toString(s.n()), Fmt.fixed(s.mean(), decimals), Fmt.fixed(s.stddev(), decimals),
                Fmt.fixed(s.low(), decimals), Fmt.fixed(s.high(), decimals)));
        out.printRecord(row);
    }
}
