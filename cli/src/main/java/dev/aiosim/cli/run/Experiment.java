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
import dev.aiosim.cli.results.RowBuffer;
import dev.aiosim.cli.results.RunRecord;
import dev.aiosim.cli.results.RunRows;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every policy of a spec with every seed, policy by policy, each run on a fresh workload
 * source, so that all policies see the same agents for a seed; the {@link Runner} decides how a
 * run is carried out (simulated, live). With one job, each finished run is written to the results
 * folder (and its wall-clock figures noted for {@code run.json}) before the next starts; with
 * more, the runs go to a fixed pool of threads, each buffers its rows, and they are written
 * {@link InOrder in run order}, so the folder is the same whatever the number of jobs. A spec
 * with {@code audit: on} runs one run at a time whatever the jobs, since its trail is one hash
 * chain written as the kernel reports. A {@link Stop} ends the loop early.
 */
public final class Experiment {
    private final ResolvedSpec spec;
    private final Runner runner;
    private final int jobs;

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
        this(spec, runner, 1);
    }

    /** An experiment whose runs use up to {@code jobs} threads (1: one after the other, on the caller's thread). */
    public Experiment(ResolvedSpec spec, Runner runner, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        this.spec = spec;
        this.runner = runner;
        this.jobs = jobs;
    }

    /** The runs in the order they are written: policy by policy, seed by seed. */
    public List<Planned> plan() {
        List<Planned> plan = new ArrayList<>();
        for (PolicyEntry policy : spec.policies()) {
            for (long seed : spec.seeds()) {
                plan.add(new Planned(policy, seed));
            }
        }
        return plan;
    }

    /**
     * One run of the plan.
     *
     * @param policy the policy
     * @param seed the seed
     */
    public record Planned(PolicyEntry policy, long seed) {}

    /**
     * A run done off the folder's thread: its rendered record and the figures the reports read.
     *
     * @param record what the folder appends
     * @param figures what the tables read
     */
    public record Finished(RunRecord record, RunFigures figures) implements java.io.Serializable {}

    /**
     * Carries out one run with its rows buffered by {@code rows}, and renders it; the buffer is
     * discarded if the run fails. Returns null, running nothing, when a stop was asked for before
     * it began. Safe to call from several threads at once: each run has its own
     * workload source, simulation, scheduler instances and buffer.
     */
    public Finished runBuffered(Planned p, RowBuffer rows, Stop stop) {
        if (spec.audit()) { // the trail is one hash chain in run order: see run(), which writes it run by run
            rows.discard();
            throw new IllegalStateException("buffered runs carry no audit trail");
        }
        if (stop.requested()) { // like the loop of one job: no run starts after a stop
            rows.discard();
            return null;
        }
        try {
            RunOutcome o = runner.run(new RunRequest(spec, p.policy(), p.seed(), this, rows.sink(), Progress.NONE, stop));
            RunRows buffered = rows.finish();
            return new Finished(ResultsFolder.render(p.policy(), p.seed(), o.metrics(), o.partial(), buffered,
                    spec.faultPlan() != null),
                    RunFigures.of(o.metrics()));
        } catch (RuntimeException | Error e) {
            rows.discard();
            throw e;
        }
    }

    /** Number of runs: policies x seeds. */
    public int runs() {
        return spec.policies().size() * spec.seeds().size();
    }

    /** Runs all, writing rows, summaries and recorded traces to {@code out} and wall-clock facts to {@code info}. */
    public Result run(ResultsFolder out, RunInfo info, Progress progress, Stop stop) {
        if (jobs > 1 && runs() > 1 && !spec.audit()) { // the audit trail's hash chain is written run by run
            return runParallel(out, info, progress, stop);
        }
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
                out.record(policy, seed, o.metrics(), spec.faultPlan() != null);
                info.run(policy.label(), seed, o.metrics(), o.partial());
                if (o.djl() != null) { // live runs on real engines run one at a time: only this loop sees them
                    DjlResults.write(out, info, policy.label(), seed, o.djl());
                }
                results.add(new RunResult(policy, seed, RunFigures.of(o.metrics())));
                if (o.trace() != null) {
                    out.writeTrace(policy, seed, runs() == 1, o.trace().source(), o.trace().agents());
                }
            }
        }
        return new Result(results, partial);
    }

    private Result runParallel(ResultsFolder out, RunInfo info, Progress progress, Stop stop) {
        List<Planned> plan = plan();
        int threads = Math.min(jobs, plan.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("aiosim-run-", 1).daemon().factory());
        List<RunResult> results = new ArrayList<>();
        boolean[] partial = {false};
        try {
            InOrder.run(2 * threads, plan.size(),
                    i -> pool.submit(() -> runBuffered(plan.get(i), out.buffer(plan.get(i).policy(), plan.get(i).seed()), stop)),
                    stop::requested,
                    done -> {
                        if (done == null) {
                            return; // not started: a stop came first
                        }
                        Planned p = plan.get(results.size());
                        progress.runStarted(p.policy().label(), p.seed(), Long.MAX_VALUE);
                        out.append(done.record());
                        info.run(done.record());
                        results.add(new RunResult(p.policy(), p.seed(), done.figures()));
                        partial[0] |= done.record().partial();
                        progress.runDone();
                    },
                    stop::request, // a failed run ends the others now; the invocation reports the failure
                    done -> {
                        if (done != null) {
                            done.record().rows().discard();
                        }
                    });
        } finally {
            pool.shutdown();
        }
        return new Result(results, partial[0] || results.size() < plan.size());
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
