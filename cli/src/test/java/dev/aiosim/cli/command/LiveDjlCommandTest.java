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
        Cli r = Cli.run("live", spec().toString(), "--engine", "djl", "--model", "tiny", "--warm-up", "quick", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode info = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(info.get("mode").asText()).isEqualTo("live");
        assertThat(info.at("/engine_warm_up/grid").asText()).isEqualTo("quick");
        assertThat(info.get("engine").asText()).isEqualTo("djl");
        assertThat(info.get("model").asText()).isEqualTo("tiny");
        List<CSVRecord> calls = CommandsTest.csv(out.resolve("calls.csv"));
        assertThat(calls).isNotEmpty().allSatisfy(c -> assertThat(c.get("status")).isEqualTo("COMPLETED"));
        assertThat(out.resolve("trace.jsonl")).isRegularFile();
    }

    /**
     * {@code steps.csv}: one row per step of each run, runs in order, the totals of {@code run.json}'s
     * {@code djl} entry, no dispatch gap for a run's first step, swap bytes where rr swapped; and
     * {@code calibrate --from-timings} fits the file as it is. An emulated live run writes none.
     */
    @Test
    void liveOnDjlEnginesWritesEveryStepAndCalibrateFitsThem() throws IOException {
        Path spec = Files.writeString(tmp.resolve("steps.yaml"), """
                name: steps
                seed: 5
                repetitions: 1
                cluster: {engines: 1, gpu: H100-SXM, model: tiny, max-batch: 3, preemption: swap, host-swap: 16MiB}
                workload:
                  agents: 6
                  arrivals: {process: all-at-once}
                  program:
                    kind: react
                    rounds: {dist: fixed, value: 1}
                    system-prompt: {dist: fixed, value: 30}
                    step-prompt: {dist: fixed, value: 10}
                    output: {dist: uniform, min: 6, max: 14}
                    tool-latency: {dist: fixed, value: 10ms}
                schedulers: [fifo, {name: rr, quantum: 2}]
                """);
        Path out = tmp.resolve("steps");
        Cli r = Cli.run("live", spec.toString(), "--engine", "djl", "--model", "tiny", "--warm-up", "none", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(CommandsTest.header(out.resolve("steps.csv"))).containsSubsequence("policy", "seed", "engine", "step")
                .contains("prefill_tokens", "prefill_pairs", "decode_calls", "decode_context_tokens", "step_ms", "start_ms",
                        "ops_ms", "cpu_ms", "model_ms", "swap_out_bytes", "swap_in_bytes", "sampling_calls", "gap_ms");
        List<CSVRecord> steps = CommandsTest.csv(out.resolve("steps.csv"));
        JsonNode runs = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("runs");
        assertThat(runs).hasSize(2);
        int at = 0;
        for (JsonNode run : runs) {
            JsonNode djl = run.get("djl");
            int n = djl.get("steps").asInt();
            List<CSVRecord> mine = steps.subList(at, at + n);
            at += n;
            assertThat(mine).allSatisfy(c -> {
                assertThat(c.get("policy")).isEqualTo(run.get("policy").asText());
                assertThat(c.get("seed")).isEqualTo("5");
            });
            assertThat(mine.get(0).get("gap_ms")).isEmpty();
            for (int i = 0; i < n; i++) {
                assertThat(mine.get(i).get("step")).isEqualTo(Integer.toString(i));
            }
            assertThat(sum(mine, "prefill_tokens")).isEqualTo(djl.get("prefill_tokens").asLong());
            assertThat(sum(mine, "decode_calls")).isEqualTo(djl.get("decode_tokens").asLong());
            assertThat(sum(mine, "swap_out_bytes")).isEqualTo(djl.get("swap_out_bytes").asLong());
            assertThat(sum(mine, "swap_in_bytes")).isEqualTo(djl.get("swap_in_bytes").asLong());
            assertThat(djl.get("mismatches").asLong()).isZero();
            assertThat(djl.get("mean_ops_ms").asDouble()).isNotNegative();
        }
        assertThat(at).isEqualTo(steps.size());
        JsonNode rr = runs.get(1).get("djl");
        assertThat(rr.get("swaps").asLong()).isPositive(); // quantum 2, three slots for six calls
        assertThat(rr.get("swap_out_bytes").asLong()).isPositive();

        Path cal = tmp.resolve("cal.properties");
        Cli fit = Cli.run("calibrate", "--from-timings", out.resolve("steps.csv").toString(), "--out", cal.toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.out()).contains("over " + steps.size() + " steps");
        assertThat(cal).isRegularFile();

        Path emulated = tmp.resolve("emulated");
        Cli e = Cli.run("live", spec.toString(), "--dilation", "1000", "--out", emulated.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(emulated.resolve("summary.csv")).isRegularFile();
        assertThat(emulated.resolve("steps.csv")).doesNotExist();
    }

    private static long sum(List<CSVRecord> rows, String column) {
        return rows.stream().mapToLong(c -> Long.parseLong(c.get(column))).sum();
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
        assertThat(Cli.run("live", s, "--engine", "djl", "--warm-up", "long").err())
                .contains("--warm-up: expected full, quick or none, got 'long'");
        assertThat(Cli.run("live", s, "--warm-up", "quick").err()).contains("--warm-up: only with --engine djl");
    }

    @Test
    void aChunkedPackingIsRefusedBeforeAnyFolderIsMade() throws IOException {
        Path out = tmp.resolve("chunked");
        Cli r = Cli.run("live", spec().toString(), "--engine", "djl", "--model", "tiny", "--warm-up", "none",
                "--set", "cluster.packing=vllm-v1", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cluster.packing: --engine djl runs whole-prompt steps (orca)")
                .contains("got 'vllm-v1'");
        assertThat(out).doesNotExist();
    }
}
