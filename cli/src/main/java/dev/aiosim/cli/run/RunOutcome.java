package dev.aiosim.cli.run;

import dev.aiosim.inference.live.DjlEngines;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import java.util.List;

/**
 * What a {@link Runner} hands back for one run.
 *
 * @param metrics what the run measured
 * @param partial whether it was stopped before its end (what was measured until then)
 * @param trace the workload as it happened, to be written as aiosim JSONL, or null if the runner
 *     does not record one
 * @param djl the run's real engines (closed; their step records and figures are read for
 *     {@code steps.csv} and {@code run.json}), or null when its engines were simulated or emulated
 */
public record RunOutcome(RunMetrics metrics, boolean partial, Recorded trace, DjlEngines djl) {
    /** A run on simulated or emulated engines. */
    public RunOutcome(RunMetrics metrics, boolean partial, Recorded trace) {
        this(metrics, partial, trace, null);
    }

    /**
     * A run's workload as it happened.
     *
     * @param source the trace header's description of where it came from
     * @param agents the agents, in arrival order (pid for ties)
     */
    public record Recorded(String source, List<TraceAgent> agents) {
        public Recorded {
            agents = List.copyOf(agents);
        }
    }
}
