package dev.aiosim.cli.command;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.report.CompareCsv;
import dev.aiosim.cli.report.CompareTable;
import dev.aiosim.cli.report.RunTable;
import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.Progress;
import dev.aiosim.cli.run.RunResult;
import dev.aiosim.cli.run.TerminalProgress;
import dev.aiosim.cli.spec.ResolvedCluster;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.cli.spec.SpecOverride;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The pipeline every experiment command runs: load and resolve the spec (all errors before any
 * file is written), create the results folder, write {@code spec.yaml}, run policies x seeds,
 * write {@code run.json} (and {@code compare.csv}), print the tables and where the results are.
 */
final class Invocation {
    /** Per-run rows are printed for at most this many runs; the summary file has them all. */
    private static final int MAX_RUN_ROWS = 12;

    private final CommandSpec command;
    private final CommonOptions options;

    Invocation(CommandSpec command, CommonOptions options) {
        this.command = command;
        this.options = options;
    }

    /** Runs a spec; {@code compare} adds the confidence-interval table and {@code compare.csv}. */
    int execute(SpecLoader.Source source, List<SpecOverride> overrides, boolean compare) {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        ResolvedSpec spec = new SpecLoader(SchedulerRegistry.load()).load(source, overrides);
        Path out = options.out != null ? options.out : defaultOut(spec.name());
        PrintWriter console = command.commandLine().getOut();
        Experiment experiment = new Experiment(spec);
        experiment.preflight();
        if (!options.quiet) {
            console.println(headline(spec, experiment.runs()));
            console.flush();
        }
        List<String> argv = new ArrayList<>();
        argv.add("aiosim");
        argv.addAll(command.root().commandLine().getParseResult().originalArgs());
        RunInfo info = new RunInfo(BuildInfo.version(), BuildInfo.commit(), BuildInfo.dirty(), argv, started);
        List<RunResult> results;
        try (ResultsFolder folder = ResultsFolder.create(out);
             Progress progress = TerminalProgress.forTerminal(experiment.runs(), options.quiet)) {
            folder.writeSpec(spec, "Resolved experiment spec written by aiosim " + BuildInfo.version()
                    + ": every default is explicit.\nRun it again with: ./aiosim run " + out.resolve("spec.yaml"));
            results = experiment.run(folder, info, progress);
        }
        if (compare) {
            CompareCsv.write(out.resolve("compare.csv"), results);
        }
        info.write(out.resolve("run.json"), System.nanoTime() - t0);
        if (!options.quiet) {
            if (!compare || results.size() <= MAX_RUN_ROWS) {
                console.println();
                console.print(RunTable.render(results));
            }
            if (compare) {
                console.println();
                console.println("mean and 95% confidence interval (Student t) over " + spec.seeds().size() + " seeds:");
                console.print(CompareTable.render(results));
            }
            console.println();
        }
        console.println("results: " + out);
        console.flush();
        return 0;
    }

    private static String headline(ResolvedSpec spec, int runs) {
        ResolvedCluster c = spec.cluster();
        return String.format(Locale.ROOT, "%s: %d %s x %d %s = %d %s on %d x %s %s (tp %d, max-batch %d, kv %d tokens, %s)",
                spec.name(), spec.policies().size(), spec.policies().size() == 1 ? "policy" : "policies",
                spec.seeds().size(), spec.seeds().size() == 1 ? "seed" : "seeds", runs, runs == 1 ? "run" : "runs", c.engines(), c.gpu(), c.model(),
                c.tensorParallel(), c.maxBatch(), c.kvTokens(), c.preemption().name().toLowerCase(Locale.ROOT));
    }

    /** {@code results/runs/<name>-<yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}... if taken. */
    static Path defaultOut(String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path base = Path.of("results", "runs", name + "-" + stamp);
        Path p = base;
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of(base + "-" + i);
        }
        return p;
    }
}
