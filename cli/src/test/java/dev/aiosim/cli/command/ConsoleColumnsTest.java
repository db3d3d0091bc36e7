package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console tables' columns: titles that name the statistic and the unit, and with an SLO in
 * the spec, TTFT p99, goodput and SLO attainment, whose cells are those of {@code summary.csv}.
 */
class ConsoleColumnsTest {
    @TempDir
    static Path tmp;
    static Path spec;

    @BeforeAll
    static void copySpec() throws IOException {
        spec = tmp.resolve("small.yaml");
        try (InputStream in = ConsoleColumnsTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
    }

    /** A table's lines from its header on: cells split at runs of two or more spaces. */
    private static List<List<String>> table(String out, String headerStart, int rows) {
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(headerStart)) {
                return lines.subList(i, i + 2 + rows).stream().map(l -> List.of(l.strip().split("\\s{2,}"))).toList();
            }
        }
        throw new AssertionError("no table starting with '" + headerStart + "' in:\n" + out);
    }

    @Test
    void withAnSloTheRunTableShowsTtftP99GoodputAndAttainmentFromTheSummary() throws IOException {
        Path out = tmp.resolve("slo");
        // tight enough that some calls miss it
        Cli r = Cli.run("run", spec.toString(), "--set", "slo.ttft=300ms", "--set", "slo.e2e=2s", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<List<String>> t = table(r.out(), "policy", 6);
        assertThat(t.get(0)).containsExactly("policy", "seed", "calls done", "tokens/s", "TTFT p99 s", "goodput/s", "SLO met %",
                "queueing mean s", "queueing p99 s", "e2e mean s", "e2e p99 s", "turnaround mean s", "prio 0 turnaround s",
                "prio 1 turnaround s", "preemptions");
        List<CSVRecord> summary = CommandsTest.csv(out.resolve("summary.csv"));
        boolean someMissed = false;
        for (int i = 0; i < summary.size(); i++) {
            CSVRecord s = summary.get(i);
            List<String> row = t.get(2 + i);
            assertThat(row.get(0)).isEqualTo(s.get("policy"));
            assertThat(row.get(4)).isEqualTo(String.format(Locale.ROOT, "%.3f", Double.parseDouble(s.get("ttft_p99_s"))));
            assertThat(row.get(5)).isEqualTo(String.format(Locale.ROOT, "%.1f", Double.parseDouble(s.get("goodput_per_s"))));
            double met = 100.0 * Long.parseLong(s.get("slo_met")) / Long.parseLong(s.get("calls"));
            assertThat(row.get(6)).isEqualTo(String.format(Locale.ROOT, "%.1f", met));
            someMissed |= met < 100;
        }
        assertThat(someMissed).as("the SLO is tight enough to be missed").isTrue();
        // the comparison tables take the same columns
        Path cmp = tmp.resolve("slo-compare");
        Cli c = Cli.run("compare", spec.toString(), "--set", "slo.ttft=300ms", "--out", cmp.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("policy          seeds").contains("SLO met %").contains("seed pairs");
    }

    @Test
    void withoutAnSloThereAreNoSloColumnsAndNoTitleReadsLikeAPercentile() {
        Cli r = Cli.run("run", spec.toString(), "--out", tmp.resolve("plain").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> header = table(r.out(), "policy", 6).get(0);
        assertThat(header).containsExactly("policy", "seed", "calls done", "tokens/s", "queueing mean s", "queueing p99 s",
                "e2e mean s", "e2e p99 s", "turnaround mean s", "prio 0 turnaround s", "prio 1 turnaround s", "preemptions");
        assertThat(r.out()).doesNotContain("turn p0").doesNotContain("tok/s").doesNotContain("SLO");
    }
}
