package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engines.csv} and the prefix-cache columns of {@code summary.csv} and {@code calls.csv}. */
class EnginesCsvTest {
    @TempDir
    Path tmp;

    @Test
    void oneEngineRowPerRunAndEngineAgreeingWithTheSummary() throws IOException {
        Path spec = tmp.resolve("small.yaml");
        try (InputStream in = EnginesCsvTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", spec.toString(), "--out", out.toString(), "-q", "--set", "cluster.engines=2",
                "--set", "cluster.prefix-cache=on");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(CommandsTest.header(out.resolve("engines.csv"))).containsExactly("policy", "clairvoyant", "seed",
                "engine", "steps", "busy_fraction", "prefill_tokens", "prefill_tokens_saved", "prefix_hit_rate",
                "evicted_blocks", "preemptions");
        assertThat(CommandsTest.header(out.resolve("summary.csv"))).contains("prefix_hit_rate", "prefill_tokens_saved",
                "prefix_evictions");
        assertThat(CommandsTest.header(out.resolve("calls.csv"))).endsWith("prefix_hit_tokens");
        List<CSVRecord> engines = CommandsTest.csv(out.resolve("engines.csv"));
        List<CSVRecord> summary = CommandsTest.csv(out.resolve("summary.csv"));
        assertThat(engines).hasSize(2 * summary.size());
        for (CSVRecord s : summary) {
            List<CSVRecord> mine = engines.stream()
                    .filter(e -> e.get("policy").equals(s.get("policy")) && e.get("seed").equals(s.get("seed"))).toList();
            assertThat(mine).extracting(e -> e.get("engine")).containsExactly("0", "1");
            assertThat(mine.stream().mapToLong(e -> Long.parseLong(e.get("steps"))).sum())
                    .isEqualTo(Long.parseLong(s.get("steps")));
            assertThat(mine.stream().mapToLong(e -> Long.parseLong(e.get("preemptions"))).sum())
                    .isEqualTo(Long.parseLong(s.get("preemptions")));
            assertThat(mine.stream().mapToLong(e -> Long.parseLong(e.get("prefill_tokens_saved"))).sum())
                    .isEqualTo(Long.parseLong(s.get("prefill_tokens_saved")));
            assertThat(mine).allSatisfy(e -> assertThat(Double.parseDouble(e.get("busy_fraction"))).isBetween(0.0, 1.0));
            // the generated workload names no prefixes: nothing is looked up, so the hit rate is empty
            assertThat(s.get("prefix_hit_rate")).isEmpty();
            assertThat(s.get("prefix_evictions")).isEqualTo("0");
        }
        assertThat(CommandsTest.csv(out.resolve("calls.csv"))).allSatisfy(c -> assertThat(c.get("prefix_hit_tokens")).isEqualTo("0"));
        assertThat(Files.readString(out.resolve("spec.yaml"))).containsPattern("prefix-cache: \"?on\"?");
    }
}
