package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aiosim live}: the results folder of {@code run}, plus the recorded trace, from a live run. */
class LiveCommandTest {
    @TempDir
    Path tmp;

    private Path smallSpec() throws IOException {
        Path spec = tmp.resolve("small.yaml");
        try (InputStream in = getClass().getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        return spec;
    }

    @Test
    void liveWritesTheResultsOfRunAndTheTraceAsItHappened() throws IOException {
        Path spec = smallSpec();
        Path out = tmp.resolve("live");
        Cli r = Cli.run("live", spec.toString(), "--dilation", "200", "--policy", "fifo", "--set", "repetitions=1",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dilation 200").contains("results: " + out).doesNotContain("PARTIAL");
        for (String f : List.of("spec.yaml", "summary.csv", "classes.csv", "calls.csv", "agents.csv", "run.json",
                "e2e.hlog", "trace.jsonl")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        // same columns as run
        Cli sim = Cli.run("run", spec.toString(), "--policy", "fifo", "--set", "repetitions=1", "--out", tmp.resolve("sim").toString());
        assertThat(sim.code()).as(sim.err()).isZero();
        for (String f : List.of("summary.csv", "calls.csv", "agents.csv", "classes.csv")) {
            assertThat(CommandsTest.header(out.resolve(f))).isEqualTo(CommandsTest.header(tmp.resolve("sim").resolve(f)));
        }

        ObjectMapper json = new ObjectMapper();
        JsonNode info = json.readTree(out.resolve("run.json").toFile());
        assertThat(info.get("mode").asText()).isEqualTo("live");
        assertThat(info.get("dilation").asDouble()).isEqualTo(200.0);
        assertThat(info.get("partial").asBoolean()).isFalse();

        List<String> lines = Files.readAllLines(out.resolve("trace.jsonl"));
        assertThat(json.readTree(lines.get(0)).get("aiosim_trace").asInt()).isEqualTo(1);
        List<JsonNode> agents = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            agents.add(json.readTree(l));
        }
        assertThat(agents).hasSize(12); // the spec's agents, each once
        assertThat(agents.stream().map(a -> a.get("pid").asLong()).distinct().count()).isEqualTo(12);
        assertThat(agents.stream().map(a -> a.get("arrival_ns").asLong()).toList()).isSorted();
        long llm = agents.stream().flatMap(a -> {
            List<JsonNode> s = new ArrayList<>();
            a.get("syscalls").forEach(s::add);
            return s.stream();
        }).filter(s -> s.has("llm")).count();
        List<CSVRecord> calls = CommandsTest.csv(out.resolve("calls.csv"));
        assertThat(calls).hasSize((int) llm);
        assertThat(calls).allSatisfy(c -> assertThat(c.get("status")).isEqualTo("COMPLETED"));
        // the same agents as run generates for the seed: the same LLM calls (prompt, output) per agent
        List<CSVRecord> simCalls = CommandsTest.csv(tmp.resolve("sim").resolve("calls.csv"));
        assertThat(calls.stream().map(c -> c.get("agent_pid") + "/" + c.get("prompt_tokens") + "/" + c.get("output_tokens")).sorted().toList())
                .isEqualTo(simCalls.stream().map(c -> c.get("agent_pid") + "/" + c.get("prompt_tokens") + "/" + c.get("output_tokens")).sorted().toList());
    }

    /**
     * What the shutdown hook does on Ctrl-C or SIGTERM, called while a run is in progress: the run
     * stops, its results are written and marked partial, the run after it never starts.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a stop that does not stop, not a measurement
    void aStopDuringARunWritesItsPartialResultsAndRunsNothingAfterIt() throws Exception {
        Path spec = smallSpec();
        Path out = tmp.resolve("stopped");
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(console, true));
        cl.setErr(new PrintWriter(err, true));
        LiveCommand live = cl.getSubcommands().get("live").getCommand();
        AtomicInteger code = new AtomicInteger(-1);
        // dilation 0.01: the run would take about a hundred times its model time, so it is surely in progress
        Thread main = Thread.ofPlatform().start(() -> code.set(cl.execute("live", spec.toString(), "--dilation", "0.01",
                "--policy", "fifo", "--policy", "rr", "--set", "repetitions=1", "--out", out.toString())));
        while (!live.options.interrupt.stop().running()) {
            assertThat(main.isAlive()).as(err.toString()).isTrue();
            Thread.sleep(1);
        }
        live.options.interrupt.onSignal(); // what the shutdown hook does; returns once the results are written
        main.join();
        assertThat(code.get()).as(err.toString()).isZero();
        assertThat(console.toString()).contains("PARTIAL").contains("results: " + out);
        JsonNode info = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(info.get("mode").asText()).isEqualTo("live");
        assertThat(info.get("partial").asBoolean()).isTrue();
        assertThat(info.get("runs")).hasSize(1);
        List<CSVRecord> summary = CommandsTest.csv(out.resolve("summary.csv"));
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).get("policy")).isEqualTo("fifo");
        // an agent needs at least one 500 ms tool call: 50 s of wall time at this dilation
        assertThat(summary.get(0).get("agents_finished")).isEqualTo("0");
        assertThat(CommandsTest.csv(out.resolve("calls.csv"))).hasSize(Integer.parseInt(summary.get(0).get("calls")));
        assertThat(CommandsTest.csv(out.resolve("agents.csv"))).hasSize(Integer.parseInt(summary.get(0).get("agents")));
        // the recorded trace of the stopped run, named for one of several runs
        assertThat(out.resolve("trace-fifo-7.jsonl")).isRegularFile();
        assertThat(out.resolve("trace-rr-7.jsonl")).doesNotExist();
    }

    /** A faults spec runs live: engine 0 crashes in model time and faults.csv counts it, as with run. */
    @Test
    void liveInjectsTheSpecsFaultsAndWritesFaultsCsv() throws IOException {
        Path spec = tmp.resolve("faults.yaml");
        Files.writeString(spec, """
                name: live-faults
                seed: 3
                cluster:
                  engines: 2
                  gpu: H100-SXM
                  model: Llama-3.1-8B
                  max-batch: 4
                workload:
                  agents: 12
                  arrivals: {process: poisson, rate: 20}
                  program:
                    kind: react
                    rounds: {dist: fixed, value: 3}
                    system-prompt: {dist: fixed, value: 300}
                    step-prompt: {dist: fixed, value: 100}
                    output: {dist: fixed, value: 60}
                    tool-latency: {dist: fixed, value: 200ms}
                schedulers: [fifo]
                faults:
                  crashes:
                    - {engine: 0, at: 1s, down: 1s}
                """);
        Path out = tmp.resolve("live-faults");
        Cli r = Cli.run("live", spec.toString(), "--dilation", "100", "-q", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<CSVRecord> faults = CommandsTest.csv(out.resolve("faults.csv"));
        assertThat(faults).singleElement().satisfies(f -> {
            assertThat(Long.parseLong(f.get("engine_crashes"))).isGreaterThanOrEqualTo(1);
            assertThat(f.get("policy")).isEqualTo("fifo");
        });
        List<CSVRecord> calls = CommandsTest.csv(out.resolve("calls.csv"));
        assertThat(calls).isNotEmpty().extracting(c -> c.get("status")).containsOnly("COMPLETED");
    }
}
