package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code --jobs}: the runs of {@code run}, {@code compare} and {@code replay} on several threads
 * give the very folder of one thread (every file byte for byte but {@code run.json} and
 * {@code report.html}, timeline.csv included), and
 * {@code run.json} still has one entry per run in run order.
 */
class JobsTest {
    @TempDir
    static Path tmp;
    static Path spec;
    static Path trace;

    @BeforeAll
    static void copyResources() throws IOException {
        spec = copy("small.yaml");
        trace = copy("azure-conv-slice.csv");
    }

    private static Path copy(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = JobsTest.class.getResourceAsStream("/dev/aiosim/cli/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "compare", "replay"})
    void threeJobsWriteTheFolderOfOne(String command) throws IOException {
        String input = command.equals("replay") ? trace.toString() : spec.toString();
        String[] extra = command.equals("replay")
                ? new String[] {"--policy", "fifo", "--policy", "rr", "--policy", "priority", "--sample", "0.8", "--set", "repetitions=3"}
                : new String[] {"--set", "repetitions=3"};
        Path one = tmp.resolve(command + "-1");
        Path three = tmp.resolve(command + "-3");
        for (Path out : new Path[] {one, three}) {
            String[] args = new String[6 + extra.length];
            args[0] = command;
            args[1] = input;
            args[2] = "--out";
            args[3] = out.toString();
            args[4] = "--jobs";
            args[5] = out == one ? "1" : "3";
            System.arraycopy(extra, 0, args, 6, extra.length);
            Cli r = Cli.run(args);
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(FolderDiff.contents(three)).isEqualTo(FolderDiff.contents(one)).containsKeys("calls.csv", "timeline.csv");
        assertThat(Files.list(three).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".aiosim-"));
        JsonNode a = new ObjectMapper().readTree(one.resolve("run.json").toFile());
        JsonNode b = new ObjectMapper().readTree(three.resolve("run.json").toFile());
        assertThat(b.get("complete").asBoolean()).isTrue();
        assertThat(b.get("runs")).hasSize(9).hasSize(a.get("runs").size());
        for (int i = 0; i < 9; i++) {
            assertThat(b.get("runs").get(i).get("policy")).isEqualTo(a.get("runs").get(i).get("policy"));
            assertThat(b.get("runs").get(i).get("seed")).isEqualTo(a.get("runs").get(i).get("seed"));
            assertThat(b.get("runs").get(i).get("events")).isEqualTo(a.get("runs").get(i).get("events"));
        }
    }

    @Test
    void theConsoleTablesAreTheSameWhateverTheJobs() {
        Cli one = Cli.run("compare", spec.toString(), "--out", tmp.resolve("c1").toString(), "--jobs", "1");
        Cli two = Cli.run("compare", spec.toString(), "--out", tmp.resolve("c2").toString(), "--jobs", "2");
        assertThat(two.out().replace("c2", "c1")).isEqualTo(one.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1025"})
    void jobsOutOfRangeIsOneLine(String jobs) {
        Cli r = Cli.run("run", spec.toString(), "--jobs", jobs, "--out", tmp.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aiosim: --jobs " + jobs + ": expected an integer from 1 to 1024");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }
}
