package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.aiosim.cli.plugin.PolicyPlugins;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Progress;
import dev.aiosim.cli.run.Stop;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.cli.spec.SpecOverride;
import dev.aiosim.cli.sweep.Grid;
import dev.aiosim.cli.sweep.LocalRuns;
import dev.aiosim.cli.sweep.Sweep;
import dev.aiosim.cli.sweep.SweepFolder;
import dev.aiosim.cli.sweep.SweepPlan;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code aiosim sweep}: a folder per point that is exactly the {@code compare} folder of the spec
 * with the point's values set, {@code sweep.csv} and {@code sweep-summary.csv} gathering them,
 * {@code report.html} drawing the metrics against the swept keys,
 * the same folder whatever {@code --jobs}, {@code --resume} finishing a partial sweep into the
 * folder a whole sweep writes, and one-line errors for bad grids.
 */
class SweepCommandTest {
    @TempDir
    static Path tmp;
    static Path spec;
    static Path full;

    @BeforeAll
    static void sweepOnce() throws IOException {
        spec = tmp.resolve("small.yaml");
        try (InputStream in = SweepCommandTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        Files.writeString(spec, "sweep:\n  cluster.max-batch: [2, 4]\n", java.nio.file.StandardOpenOption.APPEND);
        full = tmp.resolve("full");
        Cli r = Cli.run("sweep", spec.toString(), "--vary", "workload.agents=6,9", "--out", full.toString(), "--jobs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("small: sweep of 4 points (2 cluster.max-batch x 2 workload.agents) x 3 policies x 2 seeds: 24 runs on 1 thread")
                .contains("[4/4] cluster.max-batch=4 workload.agents=9").contains("report: " + full.resolve("report.html"))
                .contains("results: " + full);
    }

    static String[] args(String... a) {
        return a;
    }

    @Test
    void sweepCsvHasARowPerPointPolicyAndSeedWithTheGridKeysFirst() throws IOException {
        List<CSVRecord> rows = CommandsTest.csv(full.resolve("sweep.csv"));
        assertThat(CommandsTest.header(full.resolve("sweep.csv"))).startsWith("cluster.max-batch", "workload.agents", "policy",
                "clairvoyant", "seed", "agents");
        assertThat(rows).hasSize(4 * 3 * 2);
        assertThat(rows).extracting(x -> x.get("cluster.max-batch") + "/" + x.get("workload.agents") + "/" + x.get("agents"))
                .startsWith("2/6/6").contains("2/9/9", "4/6/6").endsWith("4/9/9");
        List<CSVRecord> summary = CommandsTest.csv(full.resolve("sweep-summary.csv"));
        assertThat(CommandsTest.header(full.resolve("sweep-summary.csv"))).containsExactly("cluster.max-batch", "workload.agents",
                "policy", "clairvoyant", "metric", "n", "mean", "stddev", "ci95_low", "ci95_high");
        assertThat(summary).filteredOn(x -> x.get("metric").equals("agents")).extracting(x -> x.get("mean"))
                .containsExactly("6.000", "6.000", "6.000", "9.000", "9.000", "9.000", "6.000", "6.000", "6.000", "9.000", "9.000", "9.000");
        assertThat(summary).allSatisfy(x -> assertThat(x.get("n")).isIn("0", "1", "2"));
        JsonNode info = new ObjectMapper().readTree(full.resolve("run.json").toFile());
        assertThat(info.get("complete").asBoolean()).isTrue();
        assertThat(info.get("sweep").get("points").asInt()).isEqualTo(4);
        assertThat(info.get("runs")).hasSize(24);
    }

    @Test
    void aPointsFolderIsTheCompareFolderOfTheSpecWithItsValuesSet() throws IOException {
        Path point = full.resolve("cluster.max-batch-4_workload.agents-6");
        assertThat(point.resolve("spec.yaml")).content().contains("max-batch: 4").doesNotContain("sweep");
        Path compare = tmp.resolve("compare-4-6");
        Cli r = Cli.run("compare", spec.toString(), "--set", "sweep=", "--set", "cluster.max-batch=4", "--set", "workload.agents=6",
                "--out", compare.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(FolderDiff.contents(point)).isEqualTo(FolderDiff.contents(compare));
        JsonNode info = new ObjectMapper().readTree(point.resolve("run.json").toFile());
        assertThat(info.get("complete").asBoolean()).isTrue();
        assertThat(info.get("sweep_point").get("workload.agents").asText()).isEqualTo("6");
    }

    @Test
    void threeJobsWriteTheFolderOfOne() throws IOException {
        Path three = tmp.resolve("three");
        Cli r = Cli.run("sweep", spec.toString(), "--vary", "workload.agents=6,9", "--out", three.toString(), "--jobs", "3", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(three.toString());
        Map<String, String> files = FolderDiff.contents(three);
        assertThat(files).isEqualTo(FolderDiff.contents(full)).containsKeys("sweep.csv", "sweep-summary.csv",
                "cluster.max-batch-2_workload.agents-6/timeline.csv", "cluster.max-batch-4_workload.agents-9/timeline.csv");
        assertThat(files.keySet()).noneMatch(n -> n.contains(".aiosim-"));
    }

    @Test
    void resumeRunsOnlyThePointsNotCompleteAndEndsWithTheWholeSweep() throws IOException {
        Path part = tmp.resolve("part");
        assertThat(Cli.run("sweep", spec.toString(), "--vary", "workload.agents=6,9", "--out", part.toString(), "-q").code()).isZero();
        // as a stop leaves it: one point cut (its run.json not complete), one never begun, the rest complete
        Path cut = part.resolve("cluster.max-batch-2_workload.agents-9");
        Files.writeString(cut.resolve("run.json"), Files.readString(cut.resolve("run.json")).replace("\"complete\" : true", "\"complete\" : false"));
        Files.writeString(cut.resolve("summary.csv"), "truncated");
        deleteTree(part.resolve("cluster.max-batch-4_workload.agents-9"));
        Path kept = part.resolve("cluster.max-batch-2_workload.agents-6").resolve("calls.csv");
        long before = Files.getLastModifiedTime(kept).toMillis();

        Cli again = Cli.run("sweep", spec.toString(), "--vary", "workload.agents=6,9", "--out", part.toString(), "--resume");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("2 complete already: 12 runs");
        assertThat(FolderDiff.contents(part)).isEqualTo(FolderDiff.contents(full));
        assertThat(Files.getLastModifiedTime(kept).toMillis()).isEqualTo(before);
        JsonNode info = new ObjectMapper().readTree(part.resolve("run.json").toFile());
        assertThat(info.get("complete").asBoolean()).isTrue();
        assertThat(info.get("sweep").get("points_resumed").asInt()).isEqualTo(2);
        assertThat(info.get("runs")).hasSize(12);

        Cli other = Cli.run("sweep", spec.toString(), "--vary", "workload.agents=6,9", "--set", "seed=3", "--out", part.toString(), "--resume");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("--resume: the point cluster.max-batch-2_workload.agents-6 in " + part + " was run with a different spec");
    }

    @Test
    void theSweepFolderGetsAReportWithTheSweepCharts() throws Exception {
        Path html = full.resolve("report.html");
        List<String> charts = ReportCommandTest.charts(html);
        // both grid keys vary; small.yaml has no slo, so no goodput chart
        List<String> expected = new ArrayList<>(List.of("glance-sweep-cluster.max-batch-ttft_p99_s"));
        for (String key : List.of("cluster.max-batch", "workload.agents")) {
            for (String m : List.of("ttft_p50_s", "ttft_p99_s", "e2e_p50_s", "e2e_p99_s", "tokens_per_s")) {
                expected.add("sweep-" + key + "-" + m);
            }
        }
        assertThat(charts).containsSubsequence(expected).contains("timeline-queued").doesNotContain("sweep-cluster.max-batch-goodput_per_s");
        assertThat(Files.readString(html)).contains("2 swept keys (cluster.max-batch, workload.agents), 3 policies, 2 seeds")
                .contains("One point of the sweep: cluster.max-batch-4_workload.agents-9");
        ReportCommandTest.selfContained(html);
    }

    @Test
    void anEarlierSweepIsNotReplacedWithoutResume() {
        Cli r = Cli.run("sweep", spec.toString(), "--out", full.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aiosim: --out " + full + ": holds an earlier sweep; add --resume to finish it"
                + " (complete points are kept), or choose a new folder");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--vary|cluster.turbo=1,2|--vary cluster.turbo=1: cluster.turbo: unknown field 'turbo'",
        "--vary|cluster.max-batch=8,abc|--vary cluster.max-batch=abc: cluster.max-batch: expected an integer, got 'abc'",
        "--vary|cluster.max-batch=|--vary cluster.max-batch=: empty value",
        "--vary|cluster.max-batch=4,4|--vary cluster.max-batch=4,4: the value 4 appears twice",
        "--vary|cluster.max-batch|--vary cluster.max-batch: expected KEY=V1,V2,...",
    })
    void badGridsAreOneLineNamingTheKeyAndValue(String flag, String value, String expected) {
        Path out = tmp.resolve("bad");
        Cli r = Cli.run("sweep", spec.toString(), flag, value, "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("aiosim: " + expected);
        assertThat(out).doesNotExist();
    }

    @Test
    void badSweepSectionsAreOneLine() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.yaml"), Files.readString(spec).replace("[2, 4]", "[]"));
        Cli r = Cli.run("sweep", empty.toString(), "--out", tmp.resolve("bad2").toString());
        assertThat(r.err().strip()).isEqualTo("aiosim: " + empty + ": sweep.cluster.max-batch: expected a non-empty list of values");
        Path scalar = Files.writeString(tmp.resolve("scalar.yaml"), Files.readString(spec).replace("[2, 4]", "8"));
        r = Cli.run("sweep", scalar.toString(), "--out", tmp.resolve("bad2").toString());
        assertThat(r.err().strip()).startsWith("aiosim: " + scalar + ": sweep.cluster.max-batch: expected a list of values");
        Path none = Files.writeString(tmp.resolve("none.yaml"), Files.readString(spec).replaceAll("(?s)sweep:.*", ""));
        r = Cli.run("sweep", none.toString(), "--out", tmp.resolve("bad2").toString());
        assertThat(r.err().strip()).startsWith("aiosim: " + none + ": nothing to sweep");
        Path badValue = Files.writeString(tmp.resolve("badvalue.yaml"), Files.readString(spec).replace("[2, 4]", "[2, lots]"));
        r = Cli.run("sweep", badValue.toString(), "--out", tmp.resolve("bad2").toString());
        assertThat(r.err().strip()).isEqualTo("aiosim: " + badValue + ": sweep.cluster.max-batch[1]: cluster.max-batch: expected an integer, got 'lots'");
        assertThat(tmp.resolve("bad2")).doesNotExist();
    }

    @Test
    void runSaysThatASweepSectionIsForSweep() {
        Cli r = Cli.run("run", spec.toString(), "--out", tmp.resolve("bad3").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aiosim: " + spec + ":25:1: sweep: a sweep: section is run with 'aiosim sweep SPEC';"
                + " this command runs one spec ('--set sweep=' leaves the section out)");
    }

    @Test
    void aStoppedSweepIsMarkedPartialAndResumeFinishesIt() throws IOException {
        Path stopped = tmp.resolve("stopped");
        SpecLoader.Source source = SpecLoader.Source.file(spec);
        SpecLoader loader = new SpecLoader(PolicyPlugins.load(List.of()).registry());
        List<SpecOverride> base = List.of(SweepPlan.withoutSection());
        Grid grid = Grid.of(source.name(), source.text(), source.baseDir(), List.of("workload.agents=6,9"));
        List<SweepPlan.Resolved> points = SweepPlan.resolve(loader, source, base, grid, UnaryOperator.identity());
        SweepFolder folder = SweepFolder.open(stopped, false, false);
        Sweep sweep = new Sweep(folder, grid, points, null, false, List.of("aiosim", "sweep"));
        Stop stop = new Stop();
        Progress ctrlC = new Progress() { // Ctrl-C as the fourth run of the first point is written
            int done;

            @Override
            public void runStarted(String policy, long seed, long horizonNanos) {}

            @Override
            public void time(long nanos) {}

            @Override
            public void runDone() {
                if (++done == 4) {
                    stop.request();
                }
            }

            @Override
            public void close() {}
        };
        RunInfo info = new RunInfo("test", null, null, List.of("aiosim", "sweep"), java.time.Instant.now());
        Sweep.Outcome o;
        try (LocalRuns runs = new LocalRuns(1, stopped)) {
            o = sweep.run(List.of(), runs, info, ctrlC, stop, null, System.nanoTime());
        }
        assertThat(o.partial()).isTrue();
        ObjectMapper json = new ObjectMapper();
        JsonNode top = json.readTree(stopped.resolve("run.json").toFile());
        assertThat(top.get("partial").asBoolean()).isTrue();
        assertThat(top.get("partial_reason").asText()).startsWith("stopped by Ctrl-C or SIGTERM").contains("--resume");
        JsonNode first = json.readTree(stopped.resolve("cluster.max-batch-2_workload.agents-6").resolve("run.json").toFile());
        assertThat(first.get("complete").asBoolean()).isFalse();
        assertThat(first.get("partial_reason").asText()).startsWith("stopped by Ctrl-C or SIGTERM");
        assertThat(first.get("runs").size()).isBetween(4, 5);
        assertThat(stopped.resolve("cluster.max-batch-2_workload.agents-9")).doesNotExist();
        assertThat(CommandsTest.csv(stopped.resolve("sweep.csv")).size()).isBetween(4, 5);

        Cli again = Cli.run("sweep", spec.toString(), "--vary", "workload.agents=6,9", "--out", stopped.toString(), "--resume", "-q");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(FolderDiff.contents(stopped)).isEqualTo(FolderDiff.contents(full));
    }

    static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
