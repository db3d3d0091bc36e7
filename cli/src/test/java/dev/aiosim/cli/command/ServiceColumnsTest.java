package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.cli.results.ServiceColumns;
import dev.aiosim.cli.results.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled os-services spec runs with {@code run}; its results show memory hit rate and denied
 * calls, agents' denials add up to the summary's, and a spec without the sections keeps the old columns.
 */
class ServiceColumnsTest {
    @TempDir
    Path tmp;

    @Test
    void theBundledSpecShowsHitRateAndDenialsAndTheyAddUp() throws IOException {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", "../paper-notes/os-services.yaml", "--out", out.toString(), "-q", "--policy", "fifo");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> header = CommandsTest.header(out.resolve("summary.csv"));
        assertThat(header).endsWith(ServiceColumns.SUMMARY.stream().map(Metric::column).toArray(String[]::new));
        assertThat(CommandsTest.header(out.resolve("agents.csv"))).endsWith("denied_calls", "memory_hits", "memory_misses",
                "context_pageouts");
        CSVRecord s = CommandsTest.csv(out.resolve("summary.csv")).get(0);
        double hitRate = Double.parseDouble(s.get("memory_hit_rate"));
        assertThat(hitRate).isBetween(0.0, 1.0);
        long hits = Long.parseLong(s.get("memory_hits"));
        long misses = Long.parseLong(s.get("memory_misses"));
        assertThat(hitRate).isCloseTo(hits / (double) (hits + misses), org.assertj.core.data.Offset.offset(1e-6));
        long denied = Long.parseLong(s.get("denied_calls"));
        assertThat(denied).isPositive();
        List<CSVRecord> agents = CommandsTest.csv(out.resolve("agents.csv"));
        assertThat(agents.stream().mapToLong(a -> Long.parseLong(a.get("denied_calls"))).sum()).isEqualTo(denied);
        assertThat(agents.stream().mapToLong(a -> Long.parseLong(a.get("memory_hits"))).sum()).isEqualTo(hits);
        // team-0 (pids 0-3) shares its board: none of its calls is denied; team-3 (12-15) has no rule: its members' are
        assertThat(agents).filteredOn(a -> Long.parseLong(a.get("pid")) < 4).allSatisfy(a -> assertThat(a.get("denied_calls")).isEqualTo("0"));
        assertThat(agents).filteredOn(a -> a.get("pid").equals("13")).allSatisfy(a -> assertThat(a.get("denied_calls")).isNotEqualTo("0"));
        assertThat(Long.parseLong(s.get("context_summaries"))).isPositive();
        assertThat(Long.parseLong(s.get("storage_files"))).isEqualTo(24);
        assertThat(Long.parseLong(s.get("other_calls")) - Long.parseLong(s.get("other_calls_completed"))).isEqualTo(denied);
    }

    @Test
    void withoutTheSectionsTheColumnsAreAsBefore() throws IOException {
        Path spec = tmp.resolve("small.yaml");
        try (var in = ServiceColumnsTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        Path out = tmp.resolve("plain");
        Cli r = Cli.run("run", spec.toString(), "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(CommandsTest.header(out.resolve("summary.csv"))).doesNotContain("memory_hit_rate", "denied_calls");
        assertThat(CommandsTest.header(out.resolve("agents.csv"))).endsWith("service_tokens");
    }
}
