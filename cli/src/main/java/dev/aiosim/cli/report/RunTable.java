package dev.aiosim.cli.report;

import dev.aiosim.cli.run.RunResult;
import java.util.ArrayList;
import java.util.List;

/** The per-run console table: one row per policy and seed with the key metrics. */
public final class RunTable {
    private RunTable() {}

    public static String render(List<RunResult> results) {
        List<Column> cols = Column.key(results.stream().map(RunResult::metrics).toList());
        List<String> header = new ArrayList<>(List.of("policy", "seed", "calls done"));
        cols.forEach(c -> header.add(c.title()));
        TextTable t = new TextTable(header);
        for (RunResult r : results) {
            List<String> row = new ArrayList<>();
            row.add(r.policy().displayLabel());
            row.add(Long.toString(r.seed()));
            row.add(r.metrics().llmCompleted() + "/" + r.metrics().llmSubmitted());
            cols.forEach(c -> row.add(c.format().apply(c.value().applyAsDouble(r.metrics()))));
            t.add(row);
        }
        return t.render();
    }
}
