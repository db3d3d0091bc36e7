package dev.aiosim.cli.command;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.html.Report;
import dev.aiosim.cli.report.Baseline;
import dev.aiosim.cli.report.CompareCsv;
import dev.aiosim.cli.report.CompareTable;
import dev.aiosim.cli.report.PairedCsv;
import dev.aiosim.cli.report.PairedTable;
import dev.aiosim.cli.report.RunTable;
import dev.aiosim.cli.results.Metric;
import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.Interrupt;
import dev.aiosim.cli.run.Progress;
import dev.aiosim.cli.run.Runner;
import dev.aiosim.cli.run.SimulatedRunner;
import dev.aiosim.cli.run.Stop;
import dev.aiosim.cli.run.TerminalProgress;
import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.cli.spec.SpecOverride;
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
 * {@code spec.yaml}, run policies x seeds, write {@code run.json} (and {@code compare.csv}, {@code paired.csv}),
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
    private String baselineLabel;
    private UnaryOperator<ResolvedSpec> adjust = UnaryOperator.identity();
    private int jobs = 1;

    Invocation(CommandSpec command, CommonOptions options) {
        this.command = command;
        this.options = options;
    }

    /** How the runs are carried out (default: simulated). */
    Invocation runner(Runner r) {
        this.runner = r;
        return this;
    }

    /** Adds the confidence-interval and paired tables, {@code compare.csv} and {@code paired.csv}; {@code baseline} may be null. */
    Invocation compare(String baseline) {
        this.compare = true;
        this.baselineLabel = baseline;
        return this;
    }

    /** Runs up to {@code n} runs at once (default 1: one after the other). */
    Invocation jobs(int n) {
        this.jobs = n;
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
        ResolvedSpec spec = adjust.apply(new SpecLoader(options.policyPath.plugins().registry()).load(source, overrides));
        if (options.out != null && options.out.toString().isBlank()) {
            throw new SpecException("--out: expected a folder path, got ''");
        }
        runner.check(spec);
        PolicyEntry baseline = compare ? Baseline.choose(spec.policies(), baselineLabel) : null;
        Path out = options.out != null ? options.out : ResultsFolder.defaultDir(runner.folderName(spec));
        PrintWriter console = command.commandLine().getOut();
        Experiment experiment = new Experiment(spec, runner, jobs);
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
        Stop stop = options.interrupt.stop();
        try (Interrupt.Scope signals = options.interrupt.install();
             ResultsFolder folder = ResultsFolder.create(out, options.overwrite, spec.services().declared())) {
            folder.writeSpec(spec, options.policyPath.plugins().specComment(runner.specComment(folder.specFile())));
            // until the last run.json replaces it, the folder says it is not complete
            info.outcome("not finished: the invocation is still running, or was killed before it could write more");
            folder.writeRunInfo(info, System.nanoTime() - t0);
            try {
                try (Progress progress = TerminalProgress.forTerminal(experiment.runs(), options.quiet)) {
                    result = experiment.run(folder, info, progress, stop);
                }
                if (compare) {
                    folder.write("compare.csv", w -> CompareCsv.write(w, result.runs()));
                    folder.write("paired.csv", w -> PairedCsv.write(w, result.runs(), baseline));
                }
                if (result.runs().stream().anyMatch(r -> r.figures().value(Metric.byColumn("agents")) == 0)) {
                    warn(info, "a run had no agent: nothing was selected (a trace with no data rows, a --window past its"
                            + " end, or a --sample or --limit that keeps none), so its figures are empty");
                }
                runner.describe(info, result.partial());
                info.outcome(!result.partial() ? null : stop.requested()
                        ? "stopped by Ctrl-C or SIGTERM: the runs before it are whole, the run in progress is cut where it was"
                        : "a run ended before its end");
                folder.writeRunInfo(info, System.nanoTime() - t0);
            } catch (RuntimeException | Error e) {
                markFailed(folder, info, e, t0);
                throw e;
            }
        }
        Path html = compare ? writeReport(out, command.commandLine().getErr()) : null; // a comparison's figures, with its tables
        report(console, spec, result, out, baseline);
        if (html != null && !options.quiet) {
            console.println("report: " + html);
            console.flush();
        }
        return 0;
    }

    /**
     * Writes {@code report.html}; the results are whole without it, so a failure to draw (a JVM
     * without the desktop libraries that charts need) is a warning, not an error. Null when it failed.
     */
    static Path writeReport(Path out, PrintWriter err) {
        try {
            return Report.write(out);
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            err.println("aiosim: warning: no report.html: " + (e.getMessage() == null ? e.getClass().getName()
                    : e.getMessage().lines().findFirst().orElse("")) + " (the results are complete; aiosim report "
                    + out + " tries again)");
            err.flush();
            return null;
        }
    }

    /** A warning on stderr and in {@code run.json}: the results are complete but may not be what was meant. */
    private void warn(RunInfo info, String text) {
        PrintWriter err = command.commandLine().getErr();
        err.println("aiosim: warning: " + text);
        err.flush();
        info.warning(text);
    }

    /** Best effort: {@code run.json} says why the folder is partial (it may fail too, e.g. on a full disk). */
    private static void markFailed(ResultsFolder folder, RunInfo info, Throwable e, long t0) {
        try {
            info.outcome("failed: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse("")));
            folder.writeRunInfo(info, System.nanoTime() - t0);
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
    }

    private void report(PrintWriter console, ResolvedSpec spec, Experiment.Result result, Path out, PolicyEntry baseline) {
        boolean slo = spec.slo() != null && !spec.slo().isEmpty(); // then the tables show TTFT p99, goodput, SLO met
        if (!options.quiet && !result.runs().isEmpty()) {
            if (result.runs().size() <= MAX_RUN_ROWS) {
                console.println();
                console.print(RunTable.render(result.runs(), slo));
            } else if (!compare) {
                console.println();
                console.println(result.runs().size() + " runs; rows in summary.csv");
            }
            if (compare) {
                console.println();
                console.println("mean and 95% confidence interval (Student t) over " + spec.seeds().size() + " seeds:");
                console.print(CompareTable.render(result.runs(), slo));
                String paired = PairedTable.render(result.runs(), baseline, slo);
                if (!paired.isEmpty()) {
                    console.println();
                    console.print(paired);
                }
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
