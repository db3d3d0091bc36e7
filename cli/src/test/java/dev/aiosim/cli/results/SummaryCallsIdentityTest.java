package dev.aiosim.cli.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.SchedulerSpec;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.live.LiveOptions;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.schedulers.fifo.FifoScheduler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary.csv} alone accounts for every LLM call: calls = completed + unfinished + rejected
 * + cancelled, checked on a live run that has one call of each kind.
 */
class SummaryCallsIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void aLiveRunWithOneCallOfEachEndingAddsUpInTheSummary() throws Exception {
        // one engine, one slot, 1 ms steps in real time: a 500,000-token call runs for minutes
        EngineConfig e = EngineConfig.builder().slots(1).kvTokens(1_000_000).costModel(new ConstantCostModel(1_000_000)).build();
        PolicyEntry fifo = new PolicyEntry(new SchedulerSpec("fifo", null, new TreeMap<>()), "fifo", id -> new FifoScheduler(), false);
        Path out = tmp.resolve("live");
        try (ResultsFolder folder = ResultsFolder.create(out)) {
            LiveKernel k = new LiveKernel(KernelConfig.of(1, e), fifo.factory(), folder.sink(fifo, 1), Slo.NONE, LiveOptions.of(1));
            Thread cancelled = k.spawn(agent(0), os -> os.llm(100, 500_000));
            awaitParked(cancelled);
            cancelled.interrupt(); // its running call is CANCELLED
            cancelled.join();
            Thread rejected = k.spawn(agent(1), os -> os.llm(2_000_000, 5)); // can never fit the KV pool
            rejected.join();
            Thread completed = k.spawn(agent(2), os -> os.llm(10, 3));
            completed.join();
            Thread unfinished = k.spawn(agent(3), os -> os.llm(100, 500_000));
            awaitParked(unfinished);
            k.stop(); // its call, posted before the stop, is in flight: UNFINISHED
            RunMetrics m = k.await();
            assertThat(k.partial()).isTrue();
            folder.record(fifo, 1, m);
        }

        List<CSVRecord> summary = csv(out.resolve("summary.csv"));
        assertThat(summary).singleElement().satisfies(row -> {
            assertThat(row.get("calls")).isEqualTo("4");
            assertThat(List.of(row.get("calls_completed"), row.get("calls_unfinished"), row.get("calls_rejected"),
                    row.get("calls_cancelled"))).containsExactly("1", "1", "1", "1");
            assertIdentity(row);
        });
        List<String> header = List.of(Files.readAllLines(out.resolve("summary.csv")).get(0).split(","));
        assertThat(header.indexOf("calls_cancelled")).isEqualTo(header.indexOf("calls_rejected") + 1);
    }

    /** submitted = completed + unfinished + rejected + cancelled, read from a summary row alone. */
    static void assertIdentity(CSVRecord row) {
        long ended = Long.parseLong(row.get("calls_completed")) + Long.parseLong(row.get("calls_unfinished"))
                + Long.parseLong(row.get("calls_rejected")) + Long.parseLong(row.get("calls_cancelled"));
        assertThat(ended).as("calls of %s", row).isEqualTo(Long.parseLong(row.get("calls")));
    }

    private static AgentProcess agent(long pid) {
        return new AgentProcess(pid, "agent-" + pid, 0, 1, "default", previous -> null);
    }

    /** Waits (bounded, a deadlock guard) until {@code t} is parked, i.e. blocked in a syscall. */
    private static void awaitParked(Thread t) throws InterruptedException {
        for (int i = 0; i < 60_000 && t.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(1);
        }
        assertThat(t.getState()).as("%s blocked in its syscall", t).isEqualTo(Thread.State.WAITING);
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
