package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory across runs, in a JVM of its own with a small heap: thousands of repetitions fit because
 * a finished run keeps only its report figures (its histograms are written and dropped), and
 * running out of memory is one line naming what to lower, not a stack trace. Not timed.
 */
class SmallHeapTest {
    /** One agent, one short call: a run allocates about 0.4 MB of histograms, kept by nothing after it is written. */
    private static final String ONE_AGENT = """
            name: one-agent
            workload:
              agents: 1
              program:
                kind: chat
                system-prompt: {dist: fixed, value: 100}
                step-prompt: {dist: fixed, value: 50}
                output: {dist: fixed, value: 16}
            schedulers: [fifo]
            """;

    @TempDir
    Path tmp;

    /** Exit code and console of a forked {@code aiosim}. */
    private record Forked(int code, String out, String err) {}

    @Test
    void thousandsOfRepetitionsRunInA64MiBHeap() throws Exception {
        // 3,000 runs: holding every run's metrics needed ~1.2 GB (the old code died after ~150 runs at -Xmx64m)
        int runs = 3000;
        Path spec = Files.writeString(tmp.resolve("one-agent.yaml"), ONE_AGENT);
        Path out = tmp.resolve("out");
        Forked r = aiosim("-Xmx64m", "run", spec.toString(), "--set", "repetitions=" + runs, "--out", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(runs + " runs; rows in summary.csv").doesNotContain("policy  seed");
        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(rows).hasSize(runs + 1);
        assertThat(rows.get(runs)).startsWith("fifo,false," + runs + ",1,1,1,1,");
        assertThat(out.resolve("run.json")).content().contains("\"seed\" : " + runs);
    }

    @Test
    void runningOutOfMemoryIsOneLineNamingWhatToLower() throws Exception {
        // two million agents arriving at once (the default arrivals) cannot be held in 16 MiB
        Path spec = Files.writeString(tmp.resolve("big.yaml"), ONE_AGENT);
        Forked r = aiosim("-Xmx16m", "run", spec.toString(), "--set", "workload.agents=2000000", "-q", "--out", tmp.resolve("big").toString());

        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err().lines().toList()).containsExactly("aiosim: out of memory (max heap 16 MiB): lower "
                + "workload.agents, repetitions or the trace's size, or give the JVM more heap with AIOSIM_JAVA_OPTS=-Xmx...");
    }

    /** Runs {@code dev.aiosim.cli.Main} in a new JVM with this test's classpath and {@code heap} as its -Xmx. */
    private Forked aiosim(String heap, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, heap, "-cp", System.getProperty("java.class.path"),
                "dev.aiosim.cli.Main"));
        cmd.addAll(List.of(args));
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) { // a safety net against a hung child, not a timing assertion
            p.destroyForcibly();
            throw new AssertionError("aiosim " + String.join(" ", args) + " did not end in 10 minutes");
        }
        return new Forked(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
