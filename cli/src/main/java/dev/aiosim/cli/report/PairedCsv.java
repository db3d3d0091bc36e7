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
 * {@code paired.csv}: for every policy but the baseline and every metric of {@code compare.csv},
 * the {@link PairedDifferences paired difference} from the baseline over the seeds: n pairs, mean
 * and sample standard deviation of the differences, and their 95% Student-t interval.
 */
public final class PairedCsv {
    static final String[] HEADER = {"policy", "clairvoyant", "baseline", "metric", "n", "mean_diff", "stddev_diff",
        "ci95_low", "ci95_high"};

    private PairedCsv() {}

    /** Writes the file to {@code out}: only the header when the baseline is the only policy. */
    public static void write(Writer out, List<RunResult> results, PolicyEntry baseline) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get();
        List<ComparedMetric> metrics = ComparedMetric.all(results);
        Map<PolicyEntry, List<RunResult>> by = CompareTable.byPolicy(results);
        List<RunResult> base = runsOf(by, baseline);
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Map.Entry<PolicyEntry, List<RunResult>> e : by.entrySet()) {
                PolicyEntry p = e.getKey();
                if (p.label().equals(baseline.label())) {
                    continue;
                }
                for (ComparedMetric m : metrics) {
                    Stats s = PairedDifferences.of(e.getValue(), base, m.value());
                    int d = m.decimals();
                    csv.printRecord(p.label(), Boolean.toString(p.clairvoyant()), baseline.label(), m.column(),
                            Integer.toString(s.n()), Fmt.fixed(s.mean(), d), Fmt.fixed(s.stddev(), d),
                            Fmt.fixed(s.low(), d), Fmt.fixed(s.high(), d));
                }
            }
        }
    }

    /** The baseline's runs (none if the invocation stopped before it ran), found by its unique label. */
    static List<RunResult> runsOf(Map<PolicyEntry, List<RunResult>> by, PolicyEntry baseline) {
        return by.entrySet().stream().filter(e -> e.getKey().label().equals(baseline.label()))
                .map(Map.Entry::getValue).findFirst().orElse(List.of());
    }
}
