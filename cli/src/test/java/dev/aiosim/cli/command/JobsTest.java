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
 * {@code run.json} still has one entry per run in run order; with faults injected and the audit
 * trail on too.
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

    /** Crashing engines, failing tools and chunked prefills, so that faults.csv and audit.jsonl have much to say. */
    private static final String FAULTS_SPEC = """
            name: jobs-faults
            seed: 3
            repetitions: 3
            cluster:
              engines: 2
              gpu: H100-SXM
              model: Llama-3.1-8B
              max-batch: 4
              preemption: swap
              host-swap: 1GiB
              packing: sarathi
              chunk-size: 64
            workload:
              agents: 16
              arrivals: {process: poisson, rate: 10}
              program:
                kind: react
                rounds: {dist: uniform, min: 2, max: 4}
                system-prompt: {dist: fixed, value: 300}
                step-prompt: {dist: fixed, value: 100}
                output: {dist: fixed, value: 40}
                tool-latency: {dist: fixed, value: 200ms}
            schedulers: [fifo, {name: rr, quantum: 16}]
            faults:
              crashes:
                - {engine: 0, at: 300ms, down: 1s}
              mtbf: 2s
              mttr: 300ms
              llm-max-losses: 2
              tools: {failure-probability: 0.3, max-attempts: 2, backoff: 100ms}
            """;

    /**
     * With a {@code faults:} section, the buffered runs of {@code --jobs 3} carry their
     * {@code faults.csv} rows into place in run order; with {@code --audit} too, the runs go one at a
     * time and the trail is the one of {@code --jobs 1}, hash chain intact.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void threeJobsWriteTheFaultsAndAuditOfOne(boolean audit) throws IOException {
        Path faultsSpec = tmp.resolve("faults-" + audit + ".yaml");
        Files.writeString(faultsSpec, FAULTS_SPEC);
        Path one = tmp.resolve("faults-" + audit + "-1");
        Path three = tmp.resolve("faults-" + audit + "-3");
        for (Path out : new Path[] {one, three}) {
            Cli r = audit
                    ? Cli.run("compare", faultsSpec.toString(), "--out", out.toString(), "--jobs", out == one ? "1" : "3", "--audit", "-q")
                    : Cli.run("compare", faultsSpec.toString(), "--out", out.toString(), "--jobs", out == one ? "1" : "3", "-q");
            assertThat(r.code()).as(r.err()).isZero();
        }
        var files = FolderDiff.contents(one);
        assertThat(FolderDiff.contents(three)).isEqualTo(files).containsKeys("calls.csv", "faults.csv");
        assertThat(files.containsKey("audit.jsonl")).isEqualTo(audit);
        java.util.List<String> rows = Files.readAllLines(three.resolve("faults.csv"));
        assertThat(rows).hasSize(1 + 6);
        assertThat(rows.subList(1, 7)).extracting(l -> l.split(",")[0] + "/" + l.split(",")[2])
                .containsExactly("fifo/3", "fifo/4", "fifo/5", "rr(quantum=16)/3", "rr(quantum=16)/4", "rr(quantum=16)/5");
        assertThat(rows.subList(1, 7)).extracting(l -> Long.parseLong(l.split(",")[3])).allMatch(crashes -> crashes >= 1);
        if (audit) {
            Cli v = Cli.run("audit", "verify", three.resolve("audit.jsonl").toString());
            assertThat(v.code()).as(v.err()).isZero();
            assertThat(v.out()).contains("chain intact");
            assertThat(Files.readAllLines(three.resolve("audit.jsonl"))).filteredOn(l -> l.contains("\"event\":\"run\""))
                    .hasSize(6);
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
