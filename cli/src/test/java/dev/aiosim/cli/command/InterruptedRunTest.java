package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ctrl-C (or SIGTERM) during a simulated {@code run}: the shutdown hook's action, taken while the
 * second of three runs is in progress, leaves the first run whole, the second cut and marked, and
 * the folder marked partial; every CSV row is whole.
 */
class InterruptedRunTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a stop that does not stop, not a measurement
    void aStopDuringTheSecondRunKeepsTheFirstWholeAndMarksTheFolder() throws Exception {
        Path out = tmp.resolve("stopped");
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(console, true));
        cl.setErr(new PrintWriter(err, true));
        RunCommand run = cl.getSubcommands().get("run").getCommand();
        Path spec = Files.writeString(tmp.resolve("big.yaml"), """
                name: big
                seed: 1
                repetitions: 3
                cluster: {max-batch: 16}
                workload:
                  agents: 40000
                  arrivals: {process: all-at-once}
                  program:
                    kind: react
                    rounds: {dist: uniform, min: 2, max: 5}
                    step-prompt: {dist: fixed, value: 200}
                    output: {dist: fixed, value: 50}
                    tool-latency: {dist: fixed, value: 1s}
                schedulers: [fifo]
                """);
        AtomicInteger code = new AtomicInteger(-1);
        Thread main = Thread.ofPlatform().start(() -> code.set(cl.execute("run", spec.toString(), "-q", "--jobs", "1", "--out", out.toString())));
        Path summary = out.resolve("summary.csv");
        // the first run is written and the second is registered as running
        while (!Files.exists(summary) || Files.readAllLines(summary).size() < 2 || !run.options.interrupt.stop().running()) {
            assertThat(main.isAlive()).as(err.toString()).isTrue();
            Thread.sleep(5);
        }
        run.options.interrupt.onSignal(); // what the shutdown hook does; returns once the results are written
        main.join();
        assertThat(code.get()).as(err.toString()).isZero();

        JsonNode info = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(info.get("complete").asBoolean()).isFalse();
        assertThat(info.get("partial").asBoolean()).isTrue();
        assertThat(info.get("partial_reason").asText()).startsWith("stopped by Ctrl-C or SIGTERM");
        List<CSVRecord> rows = CommandsTest.csv(summary);
        int k = rows.size();
        assertThat(k).as("the first run whole, the second cut (or, on a slow machine, just finished)").isEqualTo(2);
        assertThat(info.get("runs")).hasSize(k);
        assertThat(rows.get(0).get("agents_finished")).isEqualTo("40000");
        assertThat(info.get("runs").get(0).has("partial")).isFalse();
        if (info.get("runs").get(1).has("partial")) {
            assertThat(Long.parseLong(rows.get(1).get("agents_finished"))).isLessThan(40000);
        } else {
            // the stop reached the second run as its loop ended: whole, and nothing after it ran
            assertThat(rows.get(1).get("agents_finished")).isEqualTo("40000");
        }
        long calls = rows.stream().mapToLong(r -> Long.parseLong(r.get("calls"))).sum();
        List<CSVRecord> callRows = CommandsTest.csv(out.resolve("calls.csv"));
        assertThat(callRows).hasSize((int) calls);
        int width = CommandsTest.header(out.resolve("calls.csv")).size();
        assertThat(callRows).allSatisfy(r -> assertThat(r.size()).isEqualTo(width));
    }
}
