package dev.aiosim.cli.report;

import dev.aiosim.cli.run.RunResult;
import dev.aiosim.cli.spec.PolicyEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The console's paired comparison, printed after the mean ± CI table: per policy other than the
 * baseline, the {@link PairedDifferences paired difference} from the baseline in each key column,
 * {@code +mean ± half-width}, marked {@code *} where the 95% interval excludes 0.
 */
public final class PairedTable {
    private PairedTable() {}

    /** A title line and the table; "" when no policy but the baseline ran. */
    public static String render(List<RunResult> results, PolicyEntry baseline) {
        return render(results, baseline, false);
    }

    /** The table; {@code slo}: the spec sets an SLO, so TTFT p99, goodput and SLO attainment are shown. */
    public static String render(List<RunResult> results, PolicyEntry baseline, boolean slo) {
        Map<PolicyEntry, List<RunResult>> by = CompareTable.byPolicy(results);
        List<RunResult> base = PairedCsv.runsOf(by, baseline);
        List<Column> cols = Column.key(results.stream().map(RunResult::figures).toList(), slo);
        List<String> header = new ArrayList<>(List.of("policy", "seed pairs"));
        cols.forEach(c -> header.add(c.title()));
        TextTable t = new TextTable(header);
        int rows = 0;
        for (Map.Entry<PolicyEntry, List<RunResult>> e : by.entrySet()) {
            if (e.getKey().label().equals(baseline.label())) {
                continue;
            }
            List<String> row = new ArrayList<>();
            row.add(e.getKey().displayLabel());
            row.add(Integer.toString(PairedDifferences.pairs(e.getValue(), base)));
            for (Column c : cols) {
                row.add(cell(PairedDifferences.of(e.getValue(), base, c.value()), c.format()));
            }
            t.add(row);
            rows++;
        }
        if (rows == 0) {
            return "";
        }
        return "difference from " + baseline.displayLabel() + " (mean and 95% CI over paired seeds; * = the interval"
                + " excludes 0):\n" + t.render();
    }

    /** {@code +mean ± half-width} and {@code *} or two spaces; the mean alone for one pair; "-" for none. */
    static String cell(Stats s, DoubleFunction<String> format) {
        if (s.n() == 0) {
            return "-";
        }
        String mean = signed(format.apply(s.mean()));
        if (Double.isNaN(s.halfWidth())) {
            return mean;
        }
        return mean + " " + Cells.PLUS_MINUS + " " + format.apply(s.halfWidth()) + (s.excludesZero() ? " *" : "  ");
    }

    /** A formatted difference with its sign: "+" before a positive one, none on one that shows as zero. */
    static String signed(String text) {
        boolean zero = text.chars().noneMatch(c -> c >= '1' && c <= '9');
        if (zero) {
            return text.startsWith("-") ? text.substring(1) : text;
        }
        return text.startsWith("-") ? text : "+" + text;
    }
}
