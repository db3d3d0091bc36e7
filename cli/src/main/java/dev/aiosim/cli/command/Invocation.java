package dev.aiosim.cli.command;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.report.CompareCsv;
import dev.aiosim.cli.report.CompareTable;
import dev.aiosim.cli.report.RunTable;
import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.Progress;
import dev.aiosim.cli.run.Runner;
import dev.aiosim.cli.run.SimulatedRunner;
import dev.aiosim.cli.run.Stop;
import dev.aiosim.cli.run.TerminalProgress;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.cli.spec.SpecOverride;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one pipeline every experiment command runs, whatever the {@link Runner}: load and resolve
 * the spec (all errors before any file is written), create the results folder, write
 * {@code spec.yaml}, run policies x seeds, write {@code run.json} (and {@code compare.csv}),
 * print the tables and where the results are. A {@link Stop} ends it early with what was
 * measured, marked partial.
 */
final class Invocation {
    /** Per-run rows are printed for at most this many runs; the summary file has them all. */
    private static final int MAX_RUN_ROWS = 12;

    private final CommandSpec command;
    private final CommonOptions options;
    private Runner runner = new SimulatedRunner();
    private boolean compare;
    private Stop stop = new Stop();
    private UnaryOperator<ResolvedSpec> adjust = UnaryOperator.identity();

    Invocation(CommandSpec command, CommonOptions options) {
        this.command = command;
        this.options = options;
    }

    /** How the runs are carried out (default: simulated). */
    Invocation runner(Runner r) {
        this.runner = r;
        return this;
    }

    /** Adds the confidence-interval table and {@code compare.csv}. */
    Invocation compare() {
        this.compare = true;
        return this;
    }

    /** Where a stop (Ctrl-C) is asked for. */
    Invocation stop(Stop s) {
        this.stop = s;
        return this;
    }

    /** A last step on the resolved spec before anything runs (e.g. dropping identical repetitions). */
    Invocation adjust(UnaryOperator<ResolvedSpec> a) {
        this.adjust = a;
        return this;
    }

    /** Runs the spec {@code source} with {@code overrides}; returns the exit code. */
    int execute(SpecLoader.Source source, List<SpecOverride> overrides) {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        ResolvedSpec spec = adjust.apply(new SpecLoader(SchedulerRegistry.load()).load(source, overrides));
        Path out = options.out != null ? options.out : ResultsFolder.defaultDir(runner.folderName(spec));
        PrintWriter console = command.commandLine().getOut();
        Experiment experiment = new Experiment(spec, runner);
        experiment.preflight();
        if (!options.quiet) {
            console.println(runner.headline(spec, experiment.runs()));
            console.flush();
        }
        List<String> argv = new ArrayList<>();
        argv.add("aiosim");
        argv.addAll(command.root().commandLine().getParseResult().originalArgs());
        RunInfo info = new RunInfo(BuildInfo.version(), BuildInfo.commit(), BuildInfo.dirty(), argv, started);
        Experiment.Result result;
        try (ResultsFolder folder = ResultsFolder.create(out)) {
            folder.writeSpec(spec, runner.specComment(folder.specFile()));
            try (Progress progress = TerminalProgress.forTerminal(experiment.runs(), options.quiet)) {
                result = experiment.run(folder, info, progress, stop);
            }
            if (compare) {
                folder.write("compare.csv", w -> CompareCsv.write(w, result.runs()));
            }
            runner.describe(info, result.partial());
            folder.writeRunInfo(info, System.nanoTime() - t0);
        }
        report(console, spec, result, out);
        return 0;
    }

    private void report(PrintWriter console, ResolvedSpec spec, Experiment.Result result, Path out) {
        if (!options.quiet && !result.runs().isEmpty()) {
            if (result.runs().size() <= MAX_RUN_ROWS) {
                console.println();
                console.print(RunTable.render(result.runs()));
            } else if (!compare) {
                console.println();
                console.println(result.runs().size() + " runs; rows in summary.csv");
            }
            if (compare) {
                console.println();
                console.println("mean and 95% confidence interval (Student t) over " + spec.seeds().size() + " seeds:");
                console.print(CompareTable.render(result.runs()));
            }
            console.println();
        }
        if (result.partial()) {
            console.println("stopped early: PARTIAL results (calls in flight are reported unfinished; run.json says \"partial\": true)");
        }
        console.println(options.quiet ? out.toString() : "results: " + out); // -q: only the folder
        console.flush();
    }
}
