package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiosim live --engine djl}: the live kernel on real engines running the tiny model, and its option errors. */
class LiveDjlCommandTest {
    @TempDir
    Path tmp;

    private Path spec() throws IOException {
        return Files.writeString(tmp.resolve("djl.yaml"), """
                name: djl
                seed: 3
                repetitions: 1
                cluster: {engines: 1, gpu: H100-SXM, model: tiny, max-batch: 4, preemption: swap, host-swap: 16MiB}
                workload:
                  agents: 5
                  arrivals: {process: all-at-once}
                  program:
                    kind: react
                    rounds: {dist: fixed, value: 1}
                    system-prompt: {dist: fixed, value: 30}
                    step-prompt: {dist: fixed, value: 10}
                    output: {dist: uniform, min: 2, max: 12}
                    tool-latency: {dist: fixed, value: 10ms}
                schedulers: [{name: rr, quantum: 4}]
                """);
    }

    @Test
    void liveOnDjlEnginesWritesTheResultsAndNamesEngineAndModel() throws IOException {
        Path out = tmp.resolve("live");
        Cli r = Cli.run("live", spec().toString(), "--engine", "djl", "--model", "tiny", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode info = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(info.get("mode").asText()).isEqualTo("live");
        assertThat(info.get("engine").asText()).isEqualTo("djl");
        assertThat(info.get("model").asText()).isEqualTo("tiny");
        List<CSVRecord> calls = CommandsTest.csv(out.resolve("calls.csv"));
        assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(c.get("status")).isEqualTo("COMPLETED"));
        assertThat(out.resolve("trace.jsonl")).isRegularFile();
    }

    @Test
    void wrongEngineOptionsAreOneClearLine() throws IOException {
        String s = spec().toString();
        Cli engine = Cli.run("live", s, "--engine", "gpu");
        assertThat(engine.code()).isNotZero();
        assertThat(engine.err()).contains("--engine: expected emulated or djl, got 'gpu'");
        Cli dilation = Cli.run("live", s, "--engine", "djl", "--dilation", "2");
        assertThat(dilation.code()).isNotZero();
        assertThat(dilation.err()).contains("--dilation: real engines (--engine djl) take their real time, so the dilation must be 1");
        Cli model = Cli.run("live", s, "--engine", "djl", "--model", "huge");
        assertThat(model.code()).isNotZero();
        assertThat(model.err()).contains("--model: expected tiny, small or a checkpoint folder (config.json and *.safetensors), got 'huge'");
        Cli threads = Cli.run("live", s, "--engine", "djl", "--torch-threads", "0");
        assertThat(threads.code()).isNotZero();
        assertThat(threads.err()).contains("--torch-threads: expected 1..1024, got '0'");
    }

    @Test
    void aChunkedPackingIsRefusedBeforeAnyFolderIsMade() throws IOException {
        Path out = tmp.resolve("chunked");
        Cli r = Cli.run("live", spec().toString(), "--engine", "djl", "--model", "tiny",
                "--set", "cluster.packing=vllm-v1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cluster.packing: --engine djl runs whole-prompt steps (orca)")
                .contains("got 'vllm-v1'");
        assertThat(out).doesNotExist();
    }
}
