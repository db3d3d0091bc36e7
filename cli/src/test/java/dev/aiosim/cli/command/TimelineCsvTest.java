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
            int times = (int) Math.floor(makespan / 0.25) + 1; // 0, 0.25, ... up to the makespan
            assertThat(run).as(s.get("policy")).hasSize(2 * times);
            for (int i = 0; i < run.size(); i++) {
                CSVRecord x = run.get(i);
                assertThat(x.get("time_s")).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", (i / 2) * 0.25));
                assertThat(x.get("engine")).isEqualTo(Integer.toString(i % 2));
                assertThat(Integer.parseInt(x.get("running"))).isBetween(0, 4); // max-batch 4
                long kv = Long.parseLong(x.get("kv_tokens"));
                assertThat(Double.parseDouble(x.get("kv_fraction"))).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(1);
                assertThat(kv > 0).isEqualTo(Integer.parseInt(x.get("running")) > 0); // no prefix cache: KV only while running
            }
            // at the end everything is done
            CSVRecord last = run.get(run.size() - 1);
            assertThat(last.get("queued")).isEqualTo("0");
        }
        assertThat(Files.readString(out.resolve("spec.yaml"))).contains("metrics:\n  timeline-interval: 250ms\n");
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
