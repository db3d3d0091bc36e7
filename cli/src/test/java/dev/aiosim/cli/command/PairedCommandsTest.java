package dev.aiosim.cli.command;

import static dev.aiosim.cli.command.CommandsTest.csv;
import static dev.aiosim.cli.command.CommandsTest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.cli.report.Stats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} writes {@code paired.csv} and prints the paired table: differences from the
 * first policy or from {@code --baseline}, the same as computed by hand from {@code summary.csv}.
 */
class PairedCommandsTest {
    @TempDir
    static Path tmp;
    static Path spec;
    /** compare of small.yaml with 3 seeds, baseline fifo. */
    static Path first;
    static Cli firstRun;

    @BeforeAll
    static void compareOnce() throws IOException {
        spec = tmp.resolve("small.yaml");
        try (InputStream in = PairedCommandsTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        first = tmp.resolve("first");
        firstRun = Cli.run("compare", spec.toString(), "--set", "repetitions=3", "--out", first.toString());
        assertThat(firstRun.code()).as(firstRun.err()).isZero();
    }

    private static double number(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    /** One unit of the last decimal a field is written with. */
    private static double unit(String field) {
        int dot = field.indexOf('.');
        return Math.pow(10, -(dot < 0 ? 0 : field.length() - dot - 1));
    }

    @Test
    void pairedCsvHasEveryMetricOfCompareCsvForEveryOtherPolicy() throws IOException {
        assertThat(header(first.resolve("paired.csv"))).containsExactly("policy", "clairvoyant", "baseline", "metric", "n",
                "mean_diff", "stddev_diff", "ci95_low", "ci95_high");
        List<CSVRecord> paired = csv(first.resolve("paired.csv"));
        List<String> metrics = csv(first.resolve("compare.csv")).stream().filter(r -> r.get("policy").equals("fifo"))
                .map(r -> r.get("metric")).toList();
        assertThat(metrics).contains("agents", "e2e_mean_s", "p1_turnaround_mean_s");
        assertThat(paired).extracting(r -> r.get("policy") + " " + r.get("metric")).containsExactlyElementsOf(
                List.of("rr(quantum=16)", "priority").stream().flatMap(p -> metrics.stream().map(m -> p + " " + m)).toList());
        assertThat(paired).allSatisfy(r -> {
            assertThat(r.get("baseline")).isEqualTo("fifo");
            assertThat(r.get("clairvoyant")).isEqualTo("false");
        });
        Map<String, String> agents = row(paired, "priority", "agents");
        assertThat(agents).containsEntry("n", "3").containsEntry("mean_diff", "0.000").containsEntry("stddev_diff", "0.000")
                .containsEntry("ci95_low", "0.000").containsEntry("ci95_high", "0.000");
    }

    private static Map<String, String> row(List<CSVRecord> rows, String policy, String metric) {
        return rows.stream().filter(r -> r.get("policy").equals(policy) && r.get("metric").equals(metric))
                .findFirst().orElseThrow().toMap();
    }

    @Test
    void theDifferencesAreThoseOfTheSummaryRowsSeedBySeed() throws IOException {
        List<CSVRecord> summary = csv(first.resolve("summary.csv"));
        List<String> columns = header(first.resolve("summary.csv")).subList(3, header(first.resolve("summary.csv")).size());
        Map<String, Map<String, CSVRecord>> bySeed = new LinkedHashMap<>();
        summary.forEach(r -> bySeed.computeIfAbsent(r.get("policy"), k -> new LinkedHashMap<>()).put(r.get("seed"), r));
        List<CSVRecord> paired = csv(first.resolve("paired.csv"));
        int checked = 0;
        for (String policy : List.of("rr(quantum=16)", "priority")) {
            for (String column : columns) {
                double[] diffs = bySeed.get(policy).entrySet().stream().mapToDouble(e -> number(e.getValue().get(column))
                        - number(bySeed.get("fifo").get(e.getKey()).get(column))).toArray();
                Stats expected = Stats.of(diffs);
                Map<String, String> got = row(paired, policy, column);
                // summary values are rounded to their decimals: the mean moves by up to a unit of them, the
                // interval's ends by a few (t(0.975,2)/sqrt(3) x the standard deviation's error)
                // (counts are written whole, exact)
                double rounding = summary.stream().map(x -> x.get(column)).filter(v -> v.contains(".")).findFirst()
                        .map(v -> 0.5 * unit(v)).orElse(0.0);
                String what = policy + " " + column;
                assertThat(Integer.parseInt(got.get("n"))).as(what).isEqualTo(expected.n());
                for (String[] f : List.of(new String[] {"mean_diff", "m"}, new String[] {"ci95_low", "l"},
                        new String[] {"ci95_high", "h"})) {
                    double want = switch (f[1]) {
                        case "m" -> expected.mean();
                        case "l" -> expected.low();
                        default -> expected.high();
                    };
                    if (Double.isNaN(want)) {
                        assertThat(got.get(f[0])).as(what + " " + f[0]).isEmpty();
                    } else {
                        assertThat(number(got.get(f[0]))).as(what + " " + f[0])
                                .isCloseTo(want, within(0.51 * unit(got.get(f[0])) + (f[1].equals("m") ? 1 : 5) * rounding));
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2 * columns.size());
        // rr preempts, fifo never does: a positive difference in every seed
        assertThat(number(row(paired, "rr(quantum=16)", "preemptions").get("ci95_low"))).isPositive();
    }

    @Test
    void theConsoleShowsThePairedTableAfterTheConfidenceIntervals() {
        String out = firstRun.out();
        int ci = out.indexOf("mean and 95% confidence interval");
        int paired = out.indexOf("difference from fifo (mean and 95% CI over paired seeds; * = the interval excludes 0):");
        assertThat(ci).isNotNegative();
        assertThat(paired).isGreaterThan(ci);
        List<String> lines = out.substring(paired).lines().toList();
        assertThat(lines.get(1)).startsWith("policy").contains("pairs").contains("e2e mean s").contains("preempt");
        assertThat(lines.get(3)).startsWith("rr(quantum=16)").contains(" *");
        assertThat(lines.get(4)).startsWith("priority");
    }

    @Test
    void baselineByLabelOrNameMirrorsTheDefault() throws IOException {
        Path out = tmp.resolve("by-priority");
        Cli r = Cli.run("compare", spec.toString(), "--set", "repetitions=3", "--baseline", "priority", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("difference from priority (mean");
        List<CSVRecord> fromPriority = csv(out.resolve("paired.csv"));
        assertThat(fromPriority).extracting(x -> x.get("policy")).containsOnly("fifo", "rr(quantum=16)");
        assertThat(fromPriority).allSatisfy(x -> assertThat(x.get("baseline")).isEqualTo("priority"));
        // fifo - priority is exactly the negation of priority - fifo, seed by seed
        List<CSVRecord> fromFifo = csv(first.resolve("paired.csv"));
        for (CSVRecord x : fromPriority.stream().filter(x -> x.get("policy").equals("fifo")).toList()) {
            Map<String, String> mirror = row(fromFifo, "priority", x.get("metric"));
            assertThat(x.get("n")).isEqualTo(mirror.get("n"));
            assertThat(x.get("mean_diff")).as(x.get("metric")).isEqualTo(negate(mirror.get("mean_diff")));
            assertThat(x.get("ci95_low")).as(x.get("metric")).isEqualTo(negate(mirror.get("ci95_high")));
            assertThat(x.get("stddev_diff")).isEqualTo(mirror.get("stddev_diff"));
        }
        // compare.csv does not depend on the baseline
        assertThat(Files.readAllBytes(out.resolve("compare.csv"))).isEqualTo(Files.readAllBytes(first.resolve("compare.csv")));
        Path byName = tmp.resolve("by-rr");
        Cli rr = Cli.run("compare", spec.toString(), "--baseline", "rr", "-q", "--out", byName.toString());
        assertThat(rr.code()).as(rr.err()).isZero();
        assertThat(csv(byName.resolve("paired.csv"))).allSatisfy(x -> assertThat(x.get("baseline")).isEqualTo("rr(quantum=16)"));
    }

    private static String negate(String field) {
        if (field.isEmpty() || field.matches("0\\.?0*")) {
            return field;
        }
        return field.startsWith("-") ? field.substring(1) : "-" + field;
    }

    @Test
    void anUnknownBaselineIsOneLineBeforeAnythingRuns() {
        Path never = tmp.resolve("never");
        Cli r = Cli.run("compare", spec.toString(), "--baseline", "lottery", "--out", never.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("aiosim: --baseline lottery: not a policy of this run; expected one of: fifo,"
                + " rr(quantum=16), priority\n");
        assertThat(r.out()).isEmpty();
        assertThat(never).doesNotExist();
        Cli demo = Cli.run("demo", "--baseline", "sjf", "--out", never.toString());
        assertThat(demo.code()).isEqualTo(2);
        assertThat(demo.err()).startsWith("aiosim: --baseline sjf: not a policy of this run; expected one of: fifo,");
        assertThat(never).doesNotExist();
        // run prints no comparison, so it takes no baseline
        assertThat(Cli.run("run", spec.toString(), "--baseline", "fifo", "--out", never.toString()).code()).isEqualTo(2);
        assertThat(never).doesNotExist();
    }

    @Test
    void oneSeedGivesDifferencesWithoutIntervals() throws IOException {
        Path out = tmp.resolve("one-seed");
        Cli r = Cli.run("compare", spec.toString(), "--set", "repetitions=1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String table = r.out().substring(r.out().indexOf("difference from fifo"));
        assertThat(table.lines().skip(1)).isNotEmpty().noneMatch(l -> l.contains(" *"));
        Map<String, String> e2e = row(csv(out.resolve("paired.csv")), "rr(quantum=16)", "e2e_mean_s");
        assertThat(e2e).containsEntry("n", "1").containsEntry("stddev_diff", "").containsEntry("ci95_low", "")
                .containsEntry("ci95_high", "");
        assertThat(e2e.get("mean_diff")).matches("-?\\d+\\.\\d{6}");
    }

    @Test
    void onePolicyWritesOnlyTheHeaderAndNoTable() throws IOException {
        Path out = tmp.resolve("alone");
        Cli r = Cli.run("compare", spec.toString(), "--policy", "fifo", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("difference from");
        assertThat(Files.readAllLines(out.resolve("paired.csv"))).hasSize(1);
    }

    @Test
    void twoComparesWriteTheSamePairedCsv() throws IOException {
        Path again = tmp.resolve("again");
        Cli r = Cli.run("compare", spec.toString(), "--set", "repetitions=3", "-q", "--out", again.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(again.resolve("paired.csv"))).isEqualTo(Files.readString(first.resolve("paired.csv")));
        assertThat(Files.readAllLines(again.resolve("paired.csv")).stream().filter(l -> l.isBlank()).collect(Collectors.toList())).isEmpty();
    }
}
