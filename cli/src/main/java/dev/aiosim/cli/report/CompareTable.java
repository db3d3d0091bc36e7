package dev.aiosim.cli.report;

import dev.aiosim.cli.run.RunResult;
import dev.aiosim.cli.spec.PolicyEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison table: per policy, the mean and 95% confidence interval (Student t) across the
 * seeds of the key metrics, cells written {@code mean ± half-width}.
 */
public final class CompareTable {
    private CompareTable() {}

    /** The table without the SLO columns. */
    public static String render(List<RunResult> results) {
        return render(results, false);
    }

    /** The table; {@code slo}: the spec sets an SLO, so TTFT p99, goodput and SLO attainment are shown. */
    public static String render(List<RunResult> results, boolean slo) {
        List<Column> cols = Column.key(results.stream().map(RunResult::figures).toList(), slo);
        List<String> header = new ArrayList<>(List.of("policy", "seeds"));
        cols.forEach(c -> header.add(c.title()));
        TextTable t = new TextTable(header);
        for (Map.Entry<PolicyEntry, List<RunResult>> e : byPolicy(results).entrySet()) {
            List<String> row = new ArrayList<>();
            row.add(e.getKey().displayLabel());
            row.add(Integer.toString(e.getValue().size()));
            for (Column c : cols) {
                double[] xs = e.getValue().stream().mapToDouble(r -> c.value().applyAsDouble(r.figures())).toArray();
                row.add(Cells.ci(Stats.of(xs), c.format()));
            }
            t.add(row);
        }
        return t.render();
    }

    /** Runs grouped by policy, in spec order. */
    public static Map<PolicyEntry, List<RunResult>> byPolicy(List<RunResult> results) {
        Map<PolicyEntry, List<RunResult>> by = new LinkedHashMap<>();
        for (RunResult r : results) {
            by.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(r);
        }
        return by;
    }
}
