package dev.aiosim.cli.report;

import dev.aiosim.cli.results.Fmt;
import dev.aiosim.cli.run.RunResult;
import dev.aiosim.cli.spec.PolicyEntry;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
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
        List<ComparedMetric> metrics = ComparedMetric.all(results);
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Map.Entry<PolicyEntry, List<RunResult>> e : CompareTable.byPolicy(results).entrySet()) {
                PolicyEntry p = e.getKey();
                for (ComparedMetric m : metrics) {
                    Stats s = Stats.of(e.getValue().stream().mapToDouble(r -> m.value().applyAsDouble(r.figures())).toArray());
                    int d = m.decimals();
                    csv.printRecord(p.label(), Boolean.toString(p.clairvoyant()), m.column(), Integer.toString(s.n()),
                            Fmt.fixed(s.mean(), d), Fmt.fixed(s.stddev(), d), Fmt.fixed(s.low(), d), Fmt.fixed(s.high(), d));
                }
            }
        }
    }
}
