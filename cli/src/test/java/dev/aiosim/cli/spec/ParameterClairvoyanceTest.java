package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy whose clairvoyance depends on its parameters (sjf, srpt) is labelled oracle exactly
 * when the entry's parameters make it read true lengths.
 */
class ParameterClairvoyanceTest {
    @Test
    void oracleFlavourAndNoisyPredictorAreLabelledOracle() {
        String yaml = """
                name: t
                workload:
                  agents: 2
                  program:
                    rounds: {dist: fixed, value: 2}
                    step-prompt: {dist: fixed, value: 100}
                    output: {dist: fixed, value: 20}
                    tool-latency: {dist: fixed, value: 1s}
                schedulers:
                  - sjf
                  - {name: sjf, flavour: oracle}
                  - {name: srpt, error: 0.2}
                  - {name: srpt, label: hist, predictor: history, prior: 64, margin: 8}
                """;
        ResolvedSpec s = new SpecLoader(SchedulerRegistry.load())
                .load(new SpecLoader.Source("t.yaml", yaml, Path.of("/tmp"), "t"), List.of());
        assertThat(s.policies()).extracting(PolicyEntry::clairvoyant).containsExactly(false, true, true, false);
        assertThat(s.policies()).extracting(PolicyEntry::displayLabel)
                .containsExactly("sjf", "sjf(flavour=oracle) (oracle)", "srpt(error=0.2) (oracle)", "hist");
    }
}
