package dev.aiosim.cli.run;

import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.kernel.audit.AuditSink;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.TraceFileException;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every policy of a spec with every seed, policy by policy, each run on a fresh workload
 * source, so that all policies see the same agents for a seed; the {@link Runner} decides how a
 * run is carried out (simulated, live). Each finished run is written to the results folder (and
 * its wall-clock figures noted for {@code run.json}) before the next starts; a {@link Stop} ends
 * the loop early.
 */
public final class Experiment {
    private final ResolvedSpec spec;
    private final Runner runner;

    /**
     * What the loop produced.
     *
     * @param runs the finished runs (an interrupted one included), in order
     * @param partial whether the loop was stopped early or a run was stopped before its end
     */
    public record Result(List<RunResult> runs, boolean partial) {
        public Result {
            runs = List.copyOf(runs);
        }
    }

    public Experiment(ResolvedSpec spec, Runner runner) {
        this.spec = spec;
        this.runner = runner;
    }

    /** Number of runs: policies x seeds. */
    public int runs() {
        return spec.policies().size() * spec.seeds().size();
    }

    /** Runs all, writing rows, summaries and recorded traces to {@code out} and wall-clock facts to {@code info}. */
    public Result run(ResultsFolder out, RunInfo info, Progress progress, Stop stop) {
        List<RunResult> results = new ArrayList<>();
        boolean partial = false;
        for (PolicyEntry policy : spec.policies()) {
            for (long seed : spec.seeds()) {
                if (stop.requested()) {
                    return new Result(results, true);
                }
                progress.runStarted(policy.label(), seed, spec.horizonNanos());
                AuditSink audit = AuditSink.OFF;
                if (spec.audit()) {
                    out.audit().run(policy.label(), seed);
                    audit = out.audit();
                }
                RunOutcome o = runner.run(new RunRequest(spec, policy, seed, this, out.sink(policy, seed), progress, stop, audit));
                progress.runDone();
                partial |= o.partial();
                out.record(policy, seed, o.metrics());
                if (spec.faultPlan() != null) {
                    out.recordFaults(policy, seed, o.metrics());
                }
                info.run(policy.label(), seed, o.metrics(), o.partial());
                results.add(new RunResult(policy, seed, RunFigures.of(o.metrics())));
                if (o.trace() != null) {
                    out.writeTrace(policy, seed, runs() == 1, o.trace().source(), o.trace().agents());
                }
            }
        }
        return new Result(results, partial);
    }

    /**
     * Opens the workload once and closes it, so that a missing file or an unknown trace format is
     * reported before any result is written.
     */
    public void preflight() {
        open(spec.seeds().get(0)).close();
    }

    /** Opens the workload for {@code seed}: the same agents for every policy and every runner. */
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
