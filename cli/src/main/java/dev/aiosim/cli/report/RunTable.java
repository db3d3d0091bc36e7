package dev.aiosim.cli.report;

import dev.aiosim.cli.results.Metric;
import dev.aiosim.cli.run.RunResult;
import java.util.ArrayList;
import java.util.List;

/** The per-run console table: one row per policy and seed with the key metrics. */
public final class RunTable {
    private static final Metric COMPLETED = Metric.byColumn("calls_completed");
    private static final Metric SUBMITTED = Metric.byColumn("calls");

    private RunTable() {}

    /** The table without the SLO columns. */
    public static String render(List<RunResult> results) {
        return render(results, false);
    }

    /** The table; {@code slo}: the spec sets an SLO, so TTFT p99, goodput and SLO attainment are shown. */
    public static String render(List<RunResult> results, boolean slo) {
        List<Column> cols = Column.key(results.stream().map(RunResult::figures).toList(), slo);
        List<String> header = new ArrayList<>(List.of("policy", "seed", "calls done"));
        cols.forEach(c -> header.add(c.title()));
        TextTable t = new TextTable(header);
        for (RunResult r : results) {
            List<String> row = new ArrayList<>();
            row.add(r.policy().displayLabel());
            row.add(Long.toString(r.seed()));
            row.add(Cells.count(r.figures().value(COMPLETED)) + "/" + Cells.count(r.figures().value(SUBMITTED)));
            cols.forEach(c -> row.add(c.format().apply(c.value().applyAsDouble(r.figures()))));
            t.add(row);
        }
        return t.render();
    }
}
