package dev.aiosim.cli.command;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.cluster.ClusterRuns;
import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.Interrupt;
import dev.aiosim.cli.run.Progress;
import dev.aiosim.cli.run.SimulatedRunner;
import dev.aiosim.cli.run.TerminalProgress;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.cli.spec.SpecOverride;
import dev.aiosim.cli.sweep.Grid;
import dev.aiosim.cli.sweep.LocalRuns;
import dev.aiosim.cli.sweep.RunService;
import dev.aiosim.cli.sweep.Sweep;
import dev.aiosim.cli.sweep.SweepFolder;
import dev.aiosim.cli.sweep.SweepPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim sweep SPEC}: runs a grid over spec keys ({@code sweep:} in the spec,
 * {@code --vary}), every point like {@code compare}, into one results folder with
 * {@code sweep.csv}, {@code sweep-summary.csv} and {@code report.html}; on this machine's cores or, with
 * {@code --cluster}, on {@code aiosim worker} members.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a grid over spec keys (the spec's sweep: section and --vary): every point runs every policy"
            + " with every seed, like compare, into a sub-folder; sweep.csv and sweep-summary.csv gather them."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment spec (YAML), usually with a sweep: section.")
    Path file;

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...",
            description = "Sweeps a spec key over these values (read like --set values; commas inside [...] or {...} do not split);"
                + " replaces the spec's sweep values of that key. Repeatable: the grid is the product.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--resume", description = "Finish the sweep in --out DIR: points whose run.json says complete are kept, the rest run.")
    boolean resume;

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]",
            description = "Send the runs to the aiosim workers of this cluster (any members' addresses) instead of running them here.")
    String cluster;

    @Mixin
    CommonOptions options = new CommonOptions();

    @Mixin
    JobsOption jobs = new JobsOption();

    @Mixin
    BaselineOption baseline = new BaselineOption();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        int threads = jobs.jobs();
        if (resume && options.out == null) {
            throw new SpecException("--resume: give the sweep's folder with --out DIR");
        }
        if (cluster != null && !options.policyPath.jars.isEmpty()) {
            throw new SpecException("--cluster: plug-in policies (--policy-path) cannot be sent to workers; run the sweep here");
        }
        SpecLoader.Source source = SpecLoader.Source.file(file);
        SpecLoader loader = new SpecLoader(options.policyPath.plugins().registry());
        List<SpecOverride> base = new ArrayList<>();
        base.add(SweepPlan.withoutSection());
        base.addAll(options.overrides());
        ResolvedSpec first = loader.load(source, base); // the spec's own errors before the grid's
        Grid grid = Grid.of(source.name(), source.text(), source.baseDir(), vary);
        List<SweepPlan.Resolved> points = SweepPlan.resolve(loader, source, base, grid, UnaryOperator.identity());
        new Experiment(points.get(0).spec(), new SimulatedRunner()).preflight();
        Path out = options.out != null ? options.out : ResultsFolder.defaultDir(first.name() + "-sweep");
        List<String> argv = new ArrayList<>();
        argv.add("aiosim");
        argv.addAll(spec.root().commandLine().getParseResult().originalArgs());
        PrintWriter console = spec.commandLine().getOut();
        Sweep.Outcome outcome;
        // connect first: a cluster that does not answer leaves no folder behind
        try (RunService service = cluster != null ? ClusterRuns.connect(cluster, threads) : new LocalRuns(threads, out)) {
            SweepFolder folder = SweepFolder.open(out, resume, options.overwrite);
            Sweep sweep = new Sweep(folder, grid, points, baseline.label, options.overwrite, argv);
            List<SweepPlan.Resolved> done = resume ? sweep.complete() : List.of();
            List<SweepPlan.Resolved> todo = points.stream()
                    .filter(p -> done.stream().noneMatch(d -> d.point().index() == p.point().index())).toList();
            int runs = Sweep.runs(todo);
            if (!options.quiet) {
                console.println(headline(first, grid, points.size(), done.size(), runs, service.where()));
                console.flush();
            }
            RunInfo info = new RunInfo(BuildInfo.version(), BuildInfo.commit(), BuildInfo.dirty(), argv, started);
            try (Interrupt.Scope signals = options.interrupt.install();
                 Progress progress = TerminalProgress.forTerminal(Math.max(1, runs), options.quiet)) {
                outcome = sweep.run(done, service, info, progress, options.interrupt.stop(), options.quiet ? null : console, t0);
            }
        }
        if (outcome.partial()) {
            console.println("stopped early: PARTIAL sweep (run.json says \"partial\": true); finish it with --resume --out " + out);
        }
        // the sweep charts (grid keys: sweep.csv's columns before policy), also of a stopped sweep's points
        Path html = Invocation.writeReport(out, spec.commandLine().getErr());
        if (options.quiet) {
            console.println(out);
        } else {
            console.println("sweep: " + out.resolve(SweepFolder.SWEEP_CSV) + ", " + out.resolve(SweepFolder.SUMMARY_CSV));
            if (html != null) {
                console.println("report: " + html);
            }
            console.println("results: " + out);
        }
        console.flush();
        return 0;
    }

    private static String headline(ResolvedSpec s, Grid grid, int points, int done, int runs, String where) {
        StringBuilder sizes = new StringBuilder();
        for (int k = 0; k < grid.axes().size(); k++) {
            sizes.append(k == 0 ? "" : " x ").append(grid.axes().get(k).values().size()).append(' ').append(grid.axes().get(k).key());
        }
        return String.format(Locale.ROOT, "%s: sweep of %d %s (%s) x %d %s x %d %s%s: %d %s %s",
                s.name(), points, points == 1 ? "point" : "points", sizes, s.policies().size(),
                s.policies().size() == 1 ? "policy" : "policies", s.seeds().size(), s.seeds().size() == 1 ? "seed" : "seeds",
                done == 0 ? "" : ", " + done + " complete already", runs, runs == 1 ? "run" : "runs", where);
    }
}
