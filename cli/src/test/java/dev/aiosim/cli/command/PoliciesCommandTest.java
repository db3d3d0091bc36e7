package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import org.junit.jupiter.api.Test;

/** {@code aiosim policies} prints each declaration: name and parameters, the description, one line per parameter. */
class PoliciesCommandTest {
    @Test
    void listsEveryRegisteredPolicyWithItsParametersDescribed() {
        Cli r = Cli.run("policies");
        assertThat(r.code()).isZero();
        assertThat(r.out().replace("\r\n", "\n"))
                .contains("fifo\n    first-in first-out, run to completion")
                .contains("\npriority [aging]\n    preemptive by agent priority")
                .contains("\n    aging: a waiting call gains one priority level per this much time queued")
                .contains("\nrr [quantum, min-tokens]\n    round-robin with a quantum")
                .contains("\n    quantum: time slice since admission")
                .doesNotContain("(oracle)");
        // a line for the name, one for the description, one per parameter
        int lines = SchedulerRegistry.load().policies().stream().mapToInt(p -> 2 + p.parameters().size()).sum();
        assertThat(r.out().lines()).hasSize(lines);
    }
}
