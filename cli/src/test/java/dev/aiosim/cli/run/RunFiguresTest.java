package dev.aiosim.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.cli.results.Metric;
import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.kernel.metrics.ClassStats;
import dev.aiosim.kernel.metrics.Histograms;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The figures a finished run keeps for the reports are exactly what the reports read of its
 * metrics: every summary metric's value, bit for bit, and per priority level the queueing and
 * turnaround means.
 */
class RunFiguresTest {
    private static final String SPEC = """
            name: t
            cluster: {max-batch: 2}
            workload:
              agents: 12
              program:
                rounds: {dist: uniform, min: 1, max: 3}
                step-prompt: {dist: uniform, min: 20, max: 400}
                output: {dist: uniform, min: 5, max: 80}
                tool-latency: {dist: exponential, mean: 1s}
              priorities:
                - {share: 0.25, priority: 1}
                - {share: 0.25, priority: 3}
            horizon: 20s
            schedulers: [fifo, priority, {name: rr, quantum: 8}]
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void keepWhatTheReportsReadOfTheMetrics(long seed) {
        ResolvedSpec spec = new SpecLoader(SchedulerRegistry.load())
                .load(new SpecLoader.Source("t.yaml", SPEC, tmp, "t"), List.of());
        for (PolicyEntry policy : spec.policies()) {
            RunMetrics m = run(spec, policy, seed);
            RunFigures f = RunFigures.of(m);
            for (Metric metric : Metric.SUMMARY) {
                assertThat(Double.doubleToRawLongBits(f.value(metric)))
                        .as(policy.label() + " " + metric.column())
                        .isEqualTo(Double.doubleToRawLongBits(metric.value().applyAsDouble(m)));
            }
            assertThat(f.levels().keySet()).containsExactlyElementsOf(m.classes().keySet()).contains(0, 1, 3);
            for (ClassStats c : m.classes().values()) {
                RunFigures.Level level = f.levels().get(c.priority());
                assertThat(level.queueingMeanSeconds()).isEqualTo(Histograms.meanSeconds(c.callQueueing()));
                assertThat(level.turnaroundMeanSeconds()).isEqualTo(Histograms.meanSeconds(c.agentTurnaround()));
            }
        }
    }

    @Test
    void aMetricOutsideTheSummaryIsNotKept() {
        Metric lookalike = new Metric("tokens_per_s", 3, m -> 0);
        ResolvedSpec spec = new SpecLoader(SchedulerRegistry.load())
                .load(new SpecLoader.Source("t.yaml", SPEC, tmp, "t"), List.of());
        RunFigures f = RunFigures.of(run(spec, spec.policies().get(0), 1));
        assertThatThrownBy(() -> f.value(lookalike)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens_per_s");
    }

    private static RunMetrics run(ResolvedSpec spec, PolicyEntry policy, long seed) {
        SimulatedRunner sim = new SimulatedRunner();
        return sim.run(new RunRequest(spec, policy, seed, new Experiment(spec, sim), MetricsSink.NONE,
                Progress.NONE, new Stop())).metrics();
    }
}
