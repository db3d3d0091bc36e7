package dev.aiosim.cli.run;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.spec.ResolvedCluster;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.sim.Simulation;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs in deterministic virtual time: one {@link Simulation} per run on a fresh workload source,
 * progress driven by virtual time. What {@code run}, {@code compare}, {@code demo} and
 * {@code replay} use.
 */
public record SimulatedRunner() implements Runner {
    @Override
    public RunOutcome run(RunRequest r) {
        RunMetrics m;
        try (AgentSource source = r.openWorkload()) {
            Simulation sim = new Simulation(r.spec().kernelConfig(), r.policy().factory(), source, r.sink(),
                    r.spec().kernelSlo(), r.spec().horizonNanos(), r.progress()::time).sampleEvery(r.spec().timelineIntervalNanos());
            sim.kernel().audit(r.audit());
            if (r.spec().faultPlan() != null) {
                sim.kernel().injectFaults(r.spec().faultPlan(), r.seed());
            }
            try (Stop.Scope scope = r.stop().during(sim::stop)) {
                m = sim.run();
            }
            return new RunOutcome(m, sim.stopped(), null);
        }
    }

    @Override
    public String headline(ResolvedSpec spec, int runs) {
        ResolvedCluster c = spec.cluster();
        return String.format(Locale.ROOT, "%s: %d %s x %d %s = %d %s on %d x %s %s (tp %d, max-batch %d, kv %d tokens, %s)",
                spec.name(), spec.policies().size(), spec.policies().size() == 1 ? "policy" : "policies",
                spec.seeds().size(), spec.seeds().size() == 1 ? "seed" : "seeds", runs, runs == 1 ? "run" : "runs", c.engines(), c.gpu(), c.model(),
                c.tensorParallel(), c.maxBatch(), c.kvTokens(), c.preemption().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String folderName(ResolvedSpec spec) {
        return spec.name();
    }

    @Override
    public String specComment(Path specFile) {
        return "Resolved experiment spec written by aiosim " + BuildInfo.version()
                + ": every default is explicit.\nRun it again with: ./aiosim run " + specFile;
    }

    @Override
    public void describe(RunInfo info, boolean partial) {
        // run.json of a simulated run has no mode: the default
    }
}
