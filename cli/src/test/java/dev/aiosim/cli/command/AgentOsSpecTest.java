package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled spec with every agent-OS service at once (paper-notes/agent-os.yaml: memory,
 * storage, access rules, context windows, engine crashes and failing tools, the audit trail) runs
 * with {@code run}, and its results show memory hit rate, denied calls, failures and recoveries,
 * with every call accounted for and an intact audit chain.
 */
class AgentOsSpecTest {
    @TempDir
    Path tmp;

    @Test
    void theWholeAgentOsRunsAndItsResultsShowEachService() throws IOException {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("run", "../paper-notes/agent-os.yaml", "--out", out.toString(), "-q", "--policy", "fifo");
        assertThat(r.code()).as(r.err()).isZero();
        CSVRecord s = CommandsTest.csv(out.resolve("summary.csv")).get(0);
        assertThat(Double.parseDouble(s.get("memory_hit_rate"))).isStrictlyBetween(0.0, 1.0);
        assertThat(Long.parseLong(s.get("denied_calls"))).isPositive();
        assertThat(Long.parseLong(s.get("context_summaries"))).isPositive();
        long calls = Long.parseLong(s.get("calls"));
        assertThat(Long.parseLong(s.get("calls_completed")) + Long.parseLong(s.get("calls_unfinished"))
                + Long.parseLong(s.get("calls_rejected")) + Long.parseLong(s.get("calls_cancelled"))
                + CommandsTest.csv(out.resolve("calls.csv")).stream().filter(c -> c.get("status").equals("FAILED")).count())
                .isEqualTo(calls);
        List<CSVRecord> faults = CommandsTest.csv(out.resolve("faults.csv"));
        assertThat(faults).hasSize(1);
        CSVRecord f = faults.get(0);
        assertThat(Long.parseLong(f.get("engine_crashes"))).isPositive();
        assertThat(Long.parseLong(f.get("calls_lost"))).isPositive();
        assertThat(Long.parseLong(f.get("calls_recovered"))).isPositive();
        assertThat(Long.parseLong(f.get("tool_attempts_failed"))).isPositive()
                .isEqualTo(Long.parseLong(f.get("tool_retries")) + Long.parseLong(f.get("tool_calls_failed")));
        Cli verify = Cli.run("audit", "verify", out.resolve("audit.jsonl").toString());
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("chain intact");
    }
}
