package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timeline.csv}: written by simulated runs at {@code metrics.timeline-interval}, off on request, range-checked. */
class TimelineCsvTest {
    @TempDir
    static Path tmp;
    static Path spec;

    @BeforeAll
    static void copySpec() throws IOException {
        spec = tmp.resolve("small.yaml");
        try (InputStream in = TimelineCsvTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
    }

    @Test
    void everyRunHasASampleAtEveryIntervalUpToItsMakespanOnEveryEngine() throws IOException {
        Path out = tmp.resolve("sampled");
        Cli r = Cli.run("run", spec.toString(), "--set", "metrics.timeline-interval=250ms", "--set", "cluster.engines=2",
                "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(CommandsTest.header(out.resolve("timeline.csv"))).containsExactly("policy", "seed", "time_s", "engine",
                "queued", "running", "kv_tokens", "kv_fraction");
        List<CSVRecord> rows = CommandsTest.csv(out.resolve("timeline.csv"));
        Map<String, List<CSVRecord>> byRun = rows.stream().collect(Collectors.groupingBy(x -> x.get("policy") + "/" + x.get("seed")));
        List<CSVRecord> summary = CommandsTest.csv(out.resolve("summary.csv"));
        assertThat(byRun).hasSize(summary.size());
        for (CSVRecord s : summary) {
            List<CSVRecord> run = byRun.get(s.get("policy") + "/" + s.get("seed"));
            double makespan = Double.parseDouble(s.get("makespan_s"));
            // times 0, 0.25, ... up to the makespan; a gap only inside an idle stretch, between idle rows
            long steps = (long) Math.floor(makespan / 0.25);
            assertThat(run.size() % 2).isZero();
            long previous = -1;
            for (int i = 0; i < run.size(); i += 2) {
                CSVRecord e0 = run.get(i);
                CSVRecord e1 = run.get(i + 1);
                assertThat(e0.get("engine")).isEqualTo("0");
                assertThat(e1.get("engine")).isEqualTo("1");
                assertThat(e1.get("time_s")).isEqualTo(e0.get("time_s"));
                double t = Double.parseDouble(e0.get("time_s"));
                long k = Math.round(t / 0.25);
                assertThat(e0.get("time_s")).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", k * 0.25));
                if (k != previous + 1) {
                    assertThat(idle(e0) && idle(e1) && idle(run.get(i - 2)) && idle(run.get(i - 1)))
                            .as("a gap before %s s lies in an idle stretch", t).isTrue();
                }
                previous = k;
                for (CSVRecord x : List.of(e0, e1)) {
                    assertThat(Integer.parseInt(x.get("running"))).isBetween(0, 4); // max-batch 4
                    long kv = Long.parseLong(x.get("kv_tokens"));
                    assertThat(Double.parseDouble(x.get("kv_fraction"))).isBetween(0.0, 1.0);
                    assertThat(kv > 0).isEqualTo(Integer.parseInt(x.get("running")) > 0); // no prefix cache: KV only while running
                }
            }
            assertThat(previous).isEqualTo(steps);
            // at the end everything is done
            CSVRecord last = run.get(run.size() - 1);
            assertThat(last.get("queued")).isEqualTo("0");
        }
        assertThat(Files.readString(out.resolve("spec.yaml"))).contains("metrics:\n  timeline-interval: 250ms\n");
    }

    private static boolean idle(CSVRecord x) {
        return x.get("queued").equals("0") && x.get("running").equals("0");
    }

    @Test
    void theDefaultIsOneSecondAndLeavesTheResolvedSpecAsItWas() throws IOException {
        Path out = tmp.resolve("default");
        Cli r = Cli.run("run", spec.toString(), "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        List<CSVRecord> rows = CommandsTest.csv(out.resolve("timeline.csv"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(1).get("time_s")).isEqualTo("1.000000");
        assertThat(Files.readString(out.resolve("spec.yaml"))).doesNotContain("metrics");
    }

    @Test
    void offWritesNoTimelineAndTheOtherFilesAreTheSame() throws IOException {
        Path on = tmp.resolve("on");
        Path off = tmp.resolve("off");
        assertThat(Cli.run("run", spec.toString(), "--out", on.toString(), "-q").code()).isZero();
        Cli r = Cli.run("run", spec.toString(), "--set", "metrics.timeline-interval=off", "--out", off.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(off.resolve("timeline.csv")).doesNotExist();
        for (String f : List.of("summary.csv", "calls.csv", "agents.csv", "classes.csv", "engines.csv", "ttft.hlog")) {
            assertThat(Files.readString(off.resolve(f))).as(f).isEqualTo(Files.readString(on.resolve(f)));
        }
        assertThat(Cli.run("run", spec.toString(), "--set", "metrics.timeline-interval=0", "--out", tmp.resolve("zero").toString(),
                "-q").code()).isZero();
        assertThat(tmp.resolve("zero").resolve("timeline.csv")).doesNotExist();
    }

    /** Agents days apart, sampled every millisecond: idle stretches write two rows, not one per interval. */
    @Test
    void sparseArrivalsDoNotFillTheFileWithIdleRows() throws IOException {
        Path out = tmp.resolve("sparse");
        Cli r = Cli.run("run", spec.toString(), "--set", "workload.arrivals={process: poisson, rate: 0.00001}", "--set",
                "metrics.timeline-interval=1ms", "--set", "repetitions=1", "--policy", "fifo", "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        double makespan = Double.parseDouble(CommandsTest.csv(out.resolve("summary.csv")).get(0).get("makespan_s"));
        assertThat(makespan).isGreaterThan(100_000); // 10^8 intervals
        List<CSVRecord> rows = CommandsTest.csv(out.resolve("timeline.csv"));
        assertThat(rows.size()).isLessThan(200_000);
        assertThat(rows.get(rows.size() - 1).get("time_s")).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f",
                Math.floor(makespan * 1000) / 1000));
    }

    @Test
    void anIntervalOutOfRangeIsOneLineNamingTheField() {
        for (String bad : List.of("10us", "2000000s", "-1", "often")) {
            Cli r = Cli.run("run", spec.toString(), "--set", "metrics.timeline-interval=" + bad, "--out",
                    tmp.resolve("bad").toString(), "-q");
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err().strip()).as(bad).startsWith("aiosim: --set metrics.timeline-interval=" + bad
                    + ": metrics.timeline-interval: expected off, 0, or a duration from 1ms to 1000000s").doesNotContain("\n");
        }
        Cli r = Cli.run("run", spec.toString(), "--set", "metrics.colour=blue", "--out", tmp.resolve("bad").toString(), "-q");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("metrics.colour: unknown field 'colour'").contains("timeline-interval");
    }
}
