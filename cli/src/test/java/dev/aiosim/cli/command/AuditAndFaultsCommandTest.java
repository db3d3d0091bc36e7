package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --audit}, {@code audit verify} and the {@code faults:} section end to end: a fresh trail
 * verifies; editing or deleting one line is reported with that line's number; a faults run writes
 * {@code faults.csv}, is deterministic, and every bad faults key is one located line.
 */
class AuditAndFaultsCommandTest {
    private static final String SPEC = """
            name: small-faults
            seed: 3
            cluster:
              engines: 2
              gpu: H100-SXM
              model: Llama-3.1-8B
              max-batch: 4
              preemption: swap
              host-swap: 1GiB
            workload:
              agents: 20
              arrivals: {process: poisson, rate: 10}
              program:
                kind: react
                rounds: {dist: uniform, min: 2, max: 4}
                system-prompt: {dist: fixed, value: 300}
                step-prompt: {dist: fixed, value: 100}
                output: {dist: fixed, value: 60}
                tool-latency: {dist: fixed, value: 200ms}
            schedulers: [fifo, {name: rr, quantum: 16}]
            faults:
              crashes:
                - {engine: 0, at: 500ms, down: 2s}
              mtbf: 3s
              mttr: 500ms
              llm-max-losses: 2
              tools: {failure-probability: 0.3, max-attempts: 2, backoff: 100ms}
            """;

    @TempDir
    Path dir;

    private Path spec(String text) throws IOException {
        Path f = dir.resolve("spec.yaml");
        Files.writeString(f, text);
        return f;
    }

    private Path runWithAudit(String out) throws IOException {
        Path o = dir.resolve(out);
        Cli r = Cli.run("run", spec(SPEC).toString(), "--audit", "-q", "--out", o.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return o;
    }

    @Test
    void aFreshTrailVerifiesAndAFaultsRunIsRepeatable() throws IOException {
        Path a = runWithAudit("a");
        Path b = runWithAudit("b");
        Cli v = Cli.run("audit", "verify", a.resolve("audit.jsonl").toString());
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).contains("chain intact");
        assertThat(Files.readString(a.resolve("audit.jsonl"))).contains("\"event\":\"engine-crashed\"", "\"event\":\"lost\"",
                "\"event\":\"retried\"", "\"event\":\"admitted\"", "\"event\":\"completed\"", "\"event\":\"syscall\"");
        assertThat(Files.readString(b.resolve("audit.jsonl"))).isEqualTo(Files.readString(a.resolve("audit.jsonl")));
        assertThat(Files.readString(b.resolve("faults.csv"))).isEqualTo(Files.readString(a.resolve("faults.csv")));
        List<String> faults = Files.readAllLines(a.resolve("faults.csv"));
        assertThat(faults).hasSize(3);
        assertThat(faults.get(1)).startsWith("fifo,false,3,");
        assertThat(faults.get(1).split(",")[3]).as("engine crashes").isNotEqualTo("0");
        assertThat(Files.readString(a.resolve("spec.yaml"))).contains("audit: \"on\"", "on-crash: redispatch", "host-swap: lost");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 57, 400})
    void editingOneLineIsReportedWithItsNumber(int line) throws IOException {
        Path f = runWithAudit("e").resolve("audit.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        String s = lines.get(line - 1);
        lines.set(line - 1, s.replace("\"t_ns\":", "\"t_ns\":1"));
        assertThat(lines.get(line - 1)).isNotEqualTo(s);
        Files.write(f, lines, StandardCharsets.UTF_8);
        Cli v = Cli.run("audit", "verify", f.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err().strip()).startsWith("aiosim: " + f + ":" + line + ": altered").doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 57, 400})
    void deletingOneLineIsReportedWithItsNumber(int line) throws IOException {
        Path f = runWithAudit("d").resolve("audit.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        lines.remove(line - 1);
        Files.write(f, lines, StandardCharsets.UTF_8);
        Cli v = Cli.run("audit", "verify", f.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err().strip()).startsWith("aiosim: " + f + ":" + line + ": removed").doesNotContain("\n");
    }

    @Test
    void cuttingTheLastLinesIsReported() throws IOException {
        Path f = runWithAudit("c").resolve("audit.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        int n = lines.size();
        Files.write(f, lines.subList(0, n - 2), StandardCharsets.UTF_8);
        Cli v = Cli.run("audit", "verify", f.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains(":" + (n - 1) + ": removed");
    }

    @Test
    void withoutAuditOrFaultsNeitherFileIsWritten() throws IOException {
        Path o = dir.resolve("plain");
        String plain = SPEC.substring(0, SPEC.indexOf("faults:"));
        Cli r = Cli.run("run", spec(plain).toString(), "-q", "--out", o.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(o.resolve("audit.jsonl")).doesNotExist();
        assertThat(o.resolve("faults.csv")).doesNotExist();
        assertThat(Files.readString(o.resolve("spec.yaml"))).doesNotContain("audit:", "faults:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mtbf: 0s|faults.mtbf: expected a mean time between failures > 0",
        "mtbf: 3s|faults.mttr: expected a mean time to repair > 0",
        "mttr: 1s|faults.mttr: mttr needs mtbf",
        "on-crash: retry|faults.on-crash: expected redispatch or wait, got 'retry'",
        "host-swap: maybe|faults.host-swap: expected lost or kept",
        "llm-max-losses: -1|faults.llm-max-losses: expected 0 (never fail) to 1000, got -1",
        "tools: {failure-probability: 1.5}|faults.tools.failure-probability: expected a probability from 0 to 1, got 1.5",
        "tools: {max-attempts: 0}|faults.tools.max-attempts: expected 1 to 1000, got 0",
        "tools: {backoff-multiplier: 0.5}|faults.tools.backoff-multiplier: expected a number from 1 to 100, got 0.5",
        "crashes: [{engine: 2, at: 1s, down: 1s}]|faults.crashes[0].engine: expected an engine index from 0 to 1",
        "crashes: [{engine: 0, at: 1s}]|faults.crashes[0].down: expected how long the engine stays down",
        "crashes: [{engine: 0, down: 1s}]|faults.crashes[0].at: expected the crash time"})
    void aBadFaultsKeyIsOneLocatedLine(String c) throws IOException {
        String[] parts = c.split("\\|");
        String text = SPEC.substring(0, SPEC.indexOf("faults:")) + "faults:\n  " + parts[0] + "\n";
        Cli r = Cli.run("run", spec(text).toString(), "-q", "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).contains(parts[1]).matches("(?s)aiosim: .*spec\\.yaml:\\d+:\\d+: .*").doesNotContain("\n");
    }

    @Test
    void verifyOfAMissingFileIsOneLine() {
        Cli v = Cli.run("audit", "verify", dir.resolve("none.jsonl").toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains("no such file");
    }
}
