package dev.aiosim.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.SchedulerSpec;
import dev.aiosim.cli.spec.SpecException;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Choosing the baseline policy: by default the first, else by label or by a name only one policy has. */
class BaselineTest {
    private static PolicyEntry entry(String name, String label) {
        return new PolicyEntry(new SchedulerSpec(name, null, new TreeMap<>()), label, null, false);
    }

    private static final List<PolicyEntry> POLICIES = List.of(entry("fifo", "fifo"), entry("rr", "rr(quantum=16)"),
            entry("priority", "priority"), entry("sjf", "sjf(a=1)"), entry("sjf", "sjf(a=2)"));

    @Test
    void theFirstPolicyByDefault() {
        assertThat(Baseline.choose(POLICIES, null).label()).isEqualTo("fifo");
    }

    @Test
    void byLabelOrByAUniqueName() {
        assertThat(Baseline.choose(POLICIES, "priority").label()).isEqualTo("priority");
        assertThat(Baseline.choose(POLICIES, "rr(quantum=16)").label()).isEqualTo("rr(quantum=16)");
        assertThat(Baseline.choose(POLICIES, "rr").label()).isEqualTo("rr(quantum=16)");
        assertThat(Baseline.choose(POLICIES, "sjf(a=2)").label()).isEqualTo("sjf(a=2)");
    }

    @Test
    void anUnknownOrAmbiguousNameIsOneLineNamingTheLabels() {
        assertThatThrownBy(() -> Baseline.choose(POLICIES, "lottery")).isInstanceOf(SpecException.class)
                .hasMessage("--baseline lottery: not a policy of this run; expected one of: fifo, rr(quantum=16), priority,"
                        + " sjf(a=1), sjf(a=2)");
        assertThatThrownBy(() -> Baseline.choose(POLICIES, "sjf")).isInstanceOf(SpecException.class)
                .hasMessage("--baseline sjf: 2 policies are named 'sjf'; give one's label: sjf(a=1), sjf(a=2)");
        assertThatThrownBy(() -> Baseline.choose(POLICIES, "")).isInstanceOf(SpecException.class)
                .hasMessage("--baseline: expected a policy label, got ''");
    }
}
