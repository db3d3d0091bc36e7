package dev.aiosim.cli.run;

import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.TraceFileException;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every policy of a spec with every seed, policy by policy, each run on a fresh workload
 * source and a fresh kernel, so that all policies see the same agents for a seed.
 */
public final class Experiment {
    private final ResolvedSpec spec;

    public Experiment(ResolvedSpec spec) {
        this.spec = spec;
    }

    /** Number of runs: policies x seeds. */
    public int runs() {
        return spec.policies().size() * spec.seeds().size();
    }

    /** Runs all, writing rows and summaries to {@code out} and wall-clock facts to {@code info}. */
    public List<RunResult> run(ResultsFolder out, RunInfo info, Progress progress) {
        KernelConfig config = spec.cluster().kernelConfig();
        List<RunResult> results = new ArrayList<>();
        for (PolicyEntry policy : spec.policies()) {
            for (long seed : spec.seeds()) {
                progress.runStarted(policy.label(), seed, spec.horizonNanos());
                RunMetrics m;
                try (AgentSource source = open(seed)) {
                    Simulation sim = new Simulation(config, policy.factory(), source, out.sink(policy, seed),
                            spec.kernelSlo(), spec.horizonNanos(), progress::time);
                    m = sim.run();
                }
                progress.runDone();
                out.record(policy, seed, m);
                info.run(policy.label(), seed, m);
                results.add(new RunResult(policy, seed, m));
            }
        }
        return results;
    }

    /**
     * Opens the workload once and closes it, so that a missing file or an unknown trace format is
     * reported before any result is written.
     */
    public void preflight() {
        open(spec.seeds().get(0)).close();
    }

    /** Opens the workload for {@code seed}: the same agents for every policy (and for {@code live}). */
    public AgentSource open(long seed) {
        try {
            return Workloads.open(spec.workload(), seed, spec.baseDir());
        } catch (TraceFormatException | TraceFileException e) {
            throw e; // names the trace file: the spec is not at fault
        } catch (IllegalArgumentException e) {
            String msg = String.valueOf(e.getMessage());
            throw new SpecException(spec.source() + ": " + (msg.startsWith("workload") ? msg : "workload: " + msg), e);
        } catch (UncheckedIOException e) {
            throw new SpecException(spec.source() + ": workload: cannot read input (" + e.getCause().getMessage() + ")", e);
        }
    }
}
