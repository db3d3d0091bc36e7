package dev.aiosim.cli.sweep;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.report.Baseline;
import dev.aiosim.cli.report.CompareCsv;
import dev.aiosim.cli.report.PairedCsv;
import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.InOrder;
import dev.aiosim.cli.run.Progress;
import dev.aiosim.cli.run.RunResult;
import dev.aiosim.cli.run.SimulatedRunner;
import dev.aiosim.cli.run.Stop;
import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.Yaml;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a sweep: every run of every point not yet complete, through one {@link InOrder} pipeline
 * on a {@link RunService}, so that each point's folder is written exactly as {@code compare}
 * would write it (rows in policy x seed order, {@code compare.csv}, {@code paired.csv},
 * {@code run.json}) whatever carried the runs out; then the top tables. A point's folder is
 * opened when its first run is gathered and closed, complete, after its last; a stop leaves the
 * point in progress marked partial and the points not begun without a folder, which
 * {@code --resume} runs.
 */
public final class Sweep {
    private final SweepFolder folder;
    private final Grid grid;
    private final List<SweepPlan.Resolved> points;
    private final String baselineLabel;
    private final boolean overwrite;
    private final List<String> argv;

    /**
     * What an invocation did.
     *
     * @param points points in the grid
     * @param skipped points already complete (resumed), not run again
     * @param runs runs carried out now (a run cut by a stop included)
     * @param partial whether it stopped before every point was complete
     */
    public record Outcome(int points, int skipped, int runs, boolean partial) {}

    private final class Open {
        final SweepPlan.Resolved point;
        final ResultsFolder results;
        final RunInfo info;
        final PolicyEntry baseline;
        final long t0 = System.nanoTime();
        final List<RunResult> runs = new ArrayList<>();
        int remaining;
        boolean partial;

        Open(SweepPlan.Resolved point) {
            this.point = point;
            this.baseline = Baseline.choose(point.spec().policies(), baselineLabel);
            this.results = ResultsFolder.create(folder.pointDir(point.point()), overwrite, point.spec().services().declared());
            this.info = new RunInfo(BuildInfo.version(), BuildInfo.commit(), BuildInfo.dirty(), argv, Instant.now());
            ObjectNode values = info.section("sweep_point");
            for (int k = 0; k < grid.axes().size(); k++) {
                values.put(grid.axes().get(k).key(), point.point().values().get(k));
            }
            this.remaining = new Experiment(point.spec(), new SimulatedRunner()).runs();
            results.writeSpec(point.spec(), new SimulatedRunner().specComment(results.specFile()));
            info.outcome("not finished: the sweep is still running, or was killed before it could write more");
            results.writeRunInfo(info, 0);
        }

        void finish(String reason) {
            try (ResultsFolder r = results) {
                if (!runs.isEmpty()) {
                    r.write("compare.csv", w -> CompareCsv.write(w, runs));
                    r.write("paired.csv", w -> PairedCsv.write(w, runs, baseline));
                }
                info.outcome(reason);
                r.writeRunInfo(info, System.nanoTime() - t0);
            }
        }
    }

    public Sweep(SweepFolder folder, Grid grid, List<SweepPlan.Resolved> points, String baselineLabel, boolean overwrite,
                 List<String> argv) {
        this.folder = folder;
        this.grid = grid;
        this.points = List.copyOf(points);
        this.baselineLabel = baselineLabel;
        this.overwrite = overwrite;
        this.argv = List.copyOf(argv);
        points.forEach(p -> Baseline.choose(p.spec().policies(), baselineLabel)); // a bad --baseline before anything runs
        for (SweepPlan.Resolved p : points) {
            if (p.spec().audit()) { // its runs are buffered and may run elsewhere; the trail is one chain written as it goes
                throw new SpecException(p.spec().source() + ": audit: not supported by sweep; run a point with aiosim compare"
                        + " --audit, or set audit: off");
            }
        }
    }

    /** The points whose folders are complete: a resumed sweep does not run them again. */
    public List<SweepPlan.Resolved> complete() {
        List<SweepPlan.Resolved> done = new ArrayList<>();
        for (SweepPlan.Resolved p : points) {
            if (folder.complete(p.point())) {
                if (!folder.sameSpec(p.point(), specYaml(p))) {
                    throw new SpecException("--resume: the point " + p.point().folder() + " in " + folder.dir() + " was run with"
                            + " a different spec (its spec.yaml differs from this sweep's); resume with the same spec and"
                            + " options, or choose a new --out");
                }
                done.add(p);
            }
        }
        return done;
    }

    /** The runs a sweep of {@code todo} points carries out. */
    public static int runs(List<SweepPlan.Resolved> todo) {
        return todo.stream().mapToInt(p -> new Experiment(p.spec(), new SimulatedRunner()).runs()).sum();
    }

    /** The resolved spec as the point's {@code spec.yaml} holds it under its comment. */
    String specYaml(SweepPlan.Resolved p) {
        try {
            return Yaml.MAPPER.writeValueAsString(p.spec().toTree(folder.pointDir(p.point())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the points not in {@code done}, writes the top tables and {@code run.json}.
     *
     * @param console where a line per finished point goes, or null
     */
    public Outcome run(List<SweepPlan.Resolved> done, RunService service, RunInfo info, Progress progress, Stop stop,
                       PrintWriter console, long t0) {
        List<RunJob> jobs = new ArrayList<>();
        List<SweepPlan.Resolved> owner = new ArrayList<>();
        for (SweepPlan.Resolved p : points) {
            if (done.stream().anyMatch(d -> d.point().index() == p.point().index())) {
                continue;
            }
            List<Experiment.Planned> plan = new Experiment(p.spec(), new SimulatedRunner()).plan();
            for (Experiment.Planned r : plan) {
                jobs.add(new RunJob(p.spec(), folder.pointDir(p.point()).toAbsolutePath(), r, p.spec().policies().indexOf(r.policy())));
                owner.add(p);
            }
        }
        ObjectNode section = info.section("sweep");
        section.putPOJO("keys", grid.keys());
        section.put("points", points.size());
        section.put("points_resumed", done.size());
        info.outcome("not finished: the sweep is still running, or was killed before it could write more");
        folder.writeRunInfo(info, System.nanoTime() - t0);
        Open[] open = {null};
        int[] gathered = {0};
        int[] ran = {0};
        int[] finishedPoints = {done.size()};
        try {
            InOrder.run(service.window(), jobs.size(), i -> service.start(jobs.get(i), stop), stop::requested,
                    f -> {
                        SweepPlan.Resolved p = owner.get(gathered[0]);
                        Experiment.Planned r = jobs.get(gathered[0]).run();
                        gathered[0]++;
                        if (f == null) {
                            return; // not started: a stop came first
                        }
                        ran[0]++;
                        if (open[0] == null) {
                            open[0] = new Open(p);
                        }
                        Open o = open[0];
                        progress.runStarted(r.policy().label(), r.seed(), Long.MAX_VALUE);
                        o.results.append(f.record());
                        o.info.run(f.record());
                        info.run(f.record());
                        o.runs.add(new RunResult(r.policy(), r.seed(), f.figures()));
                        o.partial |= f.record().partial();
                        progress.runDone();
                        if (--o.remaining == 0) {
                            o.finish(o.partial ? STOPPED : null);
                            open[0] = null;
                            finishedPoints[0]++;
                            if (console != null) {
                                console.println("[" + finishedPoints[0] + "/" + points.size() + "] " + describe(p.point())
                                        + (o.partial ? ": PARTIAL" : ""));
                                console.flush();
                            }
                        }
                    },
                    stop::request,
                    f -> {
                        if (f != null) {
                            f.record().rows().discard();
                        }
                    });
        } catch (RuntimeException | Error e) {
            String reason = "failed: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse(""));
            try {
                if (open[0] != null) {
                    open[0].finish(reason);
                }
                folder.writeTables(grid.keys(), points.stream().map(SweepPlan.Resolved::point).toList());
                info.outcome(reason);
                folder.writeRunInfo(info, System.nanoTime() - t0);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        if (open[0] != null) {
            open[0].finish(STOPPED);
        }
        boolean partial = gathered[0] < jobs.size() || open[0] != null
                || points.stream().anyMatch(p -> !folder.complete(p.point()));
        folder.writeTables(grid.keys(), points.stream().map(SweepPlan.Resolved::point).toList());
        service.describe(info);
        info.outcome(partial ? (stop.requested() ? STOPPED + "; rerun with --resume to finish the points not complete"
                : "a point is not complete") : null);
        folder.writeRunInfo(info, System.nanoTime() - t0);
        return new Outcome(points.size(), done.size(), ran[0], partial);
    }

    private static final String STOPPED = "stopped by Ctrl-C or SIGTERM: the runs before it are whole, the runs in progress are cut where they were";

    /** {@code key=value key=value}, for the console. */
    String describe(Point p) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < grid.axes().size(); k++) {
            b.append(k == 0 ? "" : " ").append(grid.axes().get(k).key()).append('=').append(p.values().get(k));
        }
        return b.toString();
    }
}
