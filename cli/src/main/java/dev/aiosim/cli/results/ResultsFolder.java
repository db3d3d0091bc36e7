package dev.aiosim.cli.results;

import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.Yaml;
import dev.aiosim.kernel.metrics.ClassStats;
import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.metrics.Histograms;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.workloads.trace.aiosim.AiosimTraceWriter;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;

/**
 * The results folder of one invocation, and the one place that names and writes its files. Open
 * it, write the resolved spec, then for each run take a {@link #sink} for its rows and
 * {@link #record} its metrics (and {@link #writeTrace} a recorded workload); write
 * {@code run.json} (and other whole files) with {@link #writeRunInfo} and {@link #write}; close at
 * the end. The run files are flushed after every run, so a failed invocation keeps the runs
 * before the failure.
 */
public final class ResultsFolder implements AutoCloseable {
    /** Summary columns before the metrics. */
    static final List<String> SUMMARY_KEYS = List.of("policy", "clairvoyant", "seed");
    static final String[] CLASS_HEADER = {"policy", "clairvoyant", "seed", "priority", "agents", "agents_finished",
        "calls_completed", "queueing_mean_s", "queueing_p99_s", "e2e_mean_s", "e2e_p99_s", "turnaround_mean_s",
        "turnaround_p99_s"};
    static final String[] ENGINE_HEADER = {"policy", "clairvoyant", "seed", "engine", "steps", "busy_fraction",
        "prefill_tokens", "prefill_tokens_saved", "prefix_hit_rate", "evicted_blocks", "preemptions"};

    private final Path dir;
    private final CSVPrinter summary;
    private final CSVPrinter classes;
    private final CSVPrinter engines;
    private final CSVPrinter calls;
    private final CSVPrinter agents;
    private final HistogramLogs hlogs;
    /** Opened on the first timeline sample: runs that take none (live, {@code off}) leave no file. */
    private CSVPrinter timeline;
    /** Whether the agent-OS service columns are written ({@link ServiceColumns}). */
    private final boolean services;
    private CSVPrinter faults;
    /** Opened on the first run on real engines: other runs leave no {@code steps.csv}. */
    private CSVPrinter steps;
    private dev.aiosim.cli.audit.HashChainWriter audit;

    private ResultsFolder(Path dir, boolean services) {
        this.dir = dir;
        this.services = services;
        List<String> header = new ArrayList<>(SUMMARY_KEYS);
        Metric.SUMMARY.forEach(m -> header.add(m.column()));
        if (services) {
            ServiceColumns.SUMMARY.forEach(m -> header.add(m.column()));
        }
        this.summary = Csv.open(dir.resolve("summary.csv"), header.toArray(String[]::new));
        this.classes = Csv.open(dir.resolve("classes.csv"), CLASS_HEADER);
        this.engines = Csv.open(dir.resolve("engines.csv"), ENGINE_HEADER);
        this.calls = Csv.open(dir.resolve("calls.csv"), RowSink.CALL_HEADER);
        List<String> agentHeader = new ArrayList<>(List.of(RowSink.AGENT_HEADER));
        if (services) {
            agentHeader.addAll(ServiceColumns.AGENT_HEADER);
        }
        this.agents = Csv.open(dir.resolve("agents.csv"), agentHeader.toArray(String[]::new));
        this.hlogs = new HistogramLogs(dir);
    }

    /** The files a results folder may hold besides {@code trace-*.jsonl}: what {@link #clean} removes. */
    static final List<String> RESULT_FILES = List.of("spec.yaml", "summary.csv", "classes.csv", "engines.csv", "calls.csv",
            "agents.csv", "compare.csv", "paired.csv", "run.json", "trace.jsonl", "queueing.hlog", "ttft.hlog", "tbt.hlog",
            "e2e.hlog", "turnaround.hlog", "timeline.csv", "report.html", "faults.csv", "audit.jsonl",
            "steps.csv");

    /** {@code faults.csv}: one row per run of a spec with a {@code faults:} section. */
    static final String[] FAULTS_HEADER = {"policy", "clairvoyant", "seed", "engine_crashes", "engine_restarts",
        "engine_down_s", "down_fraction", "calls_lost", "calls_redispatched", "calls_recovered", "snapshots_lost",
        "snapshot_bytes_lost", "calls_failed", "tool_attempts_failed", "tool_retries", "tool_calls_failed",
        "calls_completed", "goodput_per_s", "tokens_per_s"};

    /** {@link #create(Path, boolean)} without {@code --overwrite}. */
    public static ResultsFolder create(Path dir) {
        return create(dir, false);
    }

    /**
     * Creates the folder (and its parents), or takes an existing one: empty, or holding an earlier
     * aiosim result (whose result files are removed first, so nothing stale is left beside the new
     * ones), or any folder when {@code overwrite} is given (then too only aiosim's result files are
     * removed). Anything else, an empty path, or a path that is not a folder is refused.
     *
     * @throws SpecException for a path that cannot be used (a user error)
     */
    public static ResultsFolder create(Path dir, boolean overwrite) {
        return create(dir, overwrite, false);
    }

    /**
     * {@link #create(Path, boolean)}, with the agent-OS service columns in {@code summary.csv}
     * and {@code agents.csv} when {@code services} (the spec declares memory, storage or access).
     */
    public static ResultsFolder create(Path dir, boolean overwrite, boolean services) {
        if (dir.toString().isBlank()) {
            throw new SpecException("--out: expected a folder path, got ''");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SpecException("--out " + dir + ": exists and is not a folder");
        }
        try {
            if (Files.isDirectory(dir)) {
                if (!isEmpty(dir)) {
                    if (!overwrite && !isResultsFolder(dir)) {
                        throw new SpecException("--out " + dir + ": the folder is not empty and holds no aiosim results;"
                                + " choose a new folder, or add --overwrite to write into it (only aiosim's result files are replaced)");
                    }
                    clean(dir);
                }
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create results folder " + dir + ": " + OutputFile.reason(e), e);
        }
        return new ResultsFolder(dir, services);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** An earlier aiosim result: its {@code run.json} or {@code spec.yaml} says aiosim wrote it. */
    static boolean isResultsFolder(Path dir) throws IOException {
        Path run = dir.resolve("run.json");
        if (Files.isRegularFile(run, LinkOption.NOFOLLOW_LINKS) && head(run).contains("\"aiosim_version\"")) {
            return true;
        }
        Path spec = dir.resolve("spec.yaml");
        return Files.isRegularFile(spec, LinkOption.NOFOLLOW_LINKS) && head(spec).startsWith("# Resolved experiment spec written by aiosim");
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }

    /**
     * Removes the result files an earlier run left (and temporary files of an interrupted write),
     * nothing else; a result name that is not a regular file (a folder, a link) is refused.
     */
    private static void clean(Path dir) throws IOException {
        List<Path> old = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return RESULT_FILES.contains(n) || (n.startsWith("trace-") && n.endsWith(".jsonl")) || n.startsWith(".aiosim-");
            }).forEach(old::add);
        }
        for (Path p : old) {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new SpecException("--out " + dir + ": " + p.getFileName() + " there is not a regular file (a folder or a"
                        + " link); aiosim replaces only its own result files");
            }
        }
        for (Path p : old) {
            Files.delete(p);
        }
    }

    /** {@code results/runs/<name>-<yyyyMMdd-HHmmss>}, with {@code -2}, {@code -3}... if taken. */
    public static Path defaultDir(String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path base = Path.of("results", "runs", name + "-" + stamp);
        Path p = base;
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of(base + "-" + i);
        }
        return p;
    }

    public Path dir() {
        return dir;
    }

    /** The content of a whole file, written in one go. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content; the caller closes {@code out}. */
        void writeTo(Writer out) throws IOException;
    }

    /** Writes the file {@code name} of the folder (UTF-8) whole: through a temporary file moved into place. */
    public void write(String name, Content content) {
        OutputFile.writeUnchecked(dir.resolve(name), temp -> {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
        });
    }

    /** The path {@code spec.yaml} has (in the rerun command its header gives). */
    public Path specFile() {
        return dir.resolve("spec.yaml");
    }

    /** Writes {@code spec.yaml}: the resolved spec, runnable again from this folder, under a comment. */
    public void writeSpec(ResolvedSpec spec, String comment) {
        write("spec.yaml", w -> {
            StringBuilder b = new StringBuilder();
            comment.lines().forEach(l -> b.append("# ").append(l).append('\n'));
            w.write(b + Yaml.MAPPER.writeValueAsString(spec.toTree(dir)));
        });
    }

    /**
     * Writes a run's workload as it happened as aiosim JSONL: {@code trace.jsonl} when it is the
     * invocation's only run, else {@code trace-<policy>-<seed>.jsonl} (characters of the label
     * other than letters, digits, {@code . _ -} replaced by {@code _}).
     */
    public void writeTrace(PolicyEntry policy, long seed, boolean onlyRun, String source, List<TraceAgent> agents) {
        String name = onlyRun ? "trace.jsonl"
                : "trace-" + policy.label().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + seed + ".jsonl";
        write(name, w -> {
            try (AiosimTraceWriter t = new AiosimTraceWriter(w, source)) {
                agents.forEach(t::write);
            }
        });
    }

    /** Writes {@code run.json}; {@code totalWallNanos} is the whole invocation's wall time. */
    public void writeRunInfo(RunInfo info, long totalWallNanos) {
        write("run.json", w -> info.write(w, totalWallNanos));
    }

    /** Where one run's call and agent rows go. */
    public MetricsSink sink(PolicyEntry policy, long seed) {
        return new RowSink(calls, agents, this::timeline, policy.label(), seed);
    }

    private CSVPrinter timeline() {
        if (timeline == null) {
            timeline = Csv.open(dir.resolve("timeline.csv"), RowSink.TIMELINE_HEADER);
        }
        return timeline;
    }

    /**
     * The audit trail {@code audit.jsonl}, opened on first use and written as the runs go (a
     * {@code run} record starts each run), closed with the folder.
     */
    public dev.aiosim.cli.audit.HashChainWriter audit() {
        if (audit == null) {
            try {
                audit = new dev.aiosim.cli.audit.HashChainWriter(new java.io.BufferedOutputStream(
                        Files.newOutputStream(dir.resolve("audit.jsonl")), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write audit.jsonl in " + dir + ": " + OutputFile.reason(e), e);
            }
        }
        return audit;
    }

    /** {@link #record(PolicyEntry, long, RunMetrics, boolean)} of a run without a {@code faults:} section. */
    public void record(PolicyEntry policy, long seed, RunMetrics m) {
        record(policy, seed, m, false);
    }

    /**
     * Writes a finished run's summary row, per-priority rows and histograms (its call and agent rows
     * went to {@link #sink}), and its {@code faults.csv} row when {@code faults}.
     */
    public void record(PolicyEntry policy, long seed, RunMetrics m, boolean faults) {
        append(render(policy, seed, m, false, RunRows.NONE, faults));
    }

    /** Where the rows of a run go that is appended later with {@link #append}: temporary files in the folder. */
    public RowBuffer buffer(PolicyEntry policy, long seed) {
        return RowBuffer.inFolder(dir, policy.label(), seed);
    }

    /**
     * A finished run as {@link #append} writes it: every row rendered now, so that {@code m} can be
     * dropped; its {@code faults.csv} row too when {@code faults} (the spec has a {@code faults:} section).
     */
    public static RunRecord render(PolicyEntry policy, long seed, RunMetrics m, boolean partial, RunRows rows,
                                   boolean faults) {
        List<String> row = new ArrayList<>();
        row.add(policy.label());
        row.add(Boolean.toString(policy.clairvoyant()));
        row.add(Long.toString(seed));
        for (Metric metric : Metric.SUMMARY) {
            row.add(metric.format(m));
        }
        if (m.services().reported()) { // the header has their columns ({@link #create} with services)
            for (Metric metric : ServiceColumns.SUMMARY) {
                row.add(metric.format(m));
            }
        }
        String clairvoyant = Boolean.toString(policy.clairvoyant());
        String s = Long.toString(seed);
        List<List<String>> classRows = new ArrayList<>();
        for (ClassStats c : m.classes().values()) {
            classRows.add(List.of(policy.label(), clairvoyant, s, Integer.toString(c.priority()), String.valueOf(c.agents()),
                    String.valueOf(c.agentsFinished()), String.valueOf(c.callE2e().getTotalCount()),
                    secs(Histograms.meanSeconds(c.callQueueing())), secs(Histograms.seconds(c.callQueueing(), 99)),
                    secs(Histograms.meanSeconds(c.callE2e())), secs(Histograms.seconds(c.callE2e(), 99)),
                    secs(Histograms.meanSeconds(c.agentTurnaround())), secs(Histograms.seconds(c.agentTurnaround(), 99))));
        }
        List<List<String>> engineRows = new ArrayList<>();
        for (EngineStats e : m.engineStats()) {
            engineRows.add(List.of(policy.label(), clairvoyant, s, String.valueOf(e.engine()), String.valueOf(e.steps()),
                    Fmt.fixed(e.busyFraction(m.makespanNanos()), 6), String.valueOf(e.prefillTokens()),
                    String.valueOf(e.prefillTokensSaved()), Fmt.fixed(e.hitRate(), 6), String.valueOf(e.evictedBlocks()),
                    String.valueOf(e.preemptions())));
        }
        return new RunRecord(policy.label(), seed, partial, row, classRows, engineRows,
                HistogramLogs.render(policy.label(), seed, m), m.wallNanos(), m.events(), m.makespanNanos(), rows,
                faults ? faultsRow(policy, seed, m) : null);
    }

    private static List<String> faultsRow(PolicyEntry policy, long seed, RunMetrics m) {
        var f = m.faults();
        double engineSeconds = m.makespanNanos() / 1e9 * m.engineStats().size();
        return List.of(policy.label(), Boolean.toString(policy.clairvoyant()), Long.toString(seed), String.valueOf(f.crashes),
                String.valueOf(f.restarts), secs(f.downNanos / 1e9),
                secs(engineSeconds == 0 ? 0 : f.downNanos / 1e9 / engineSeconds), String.valueOf(f.callsLost),
                String.valueOf(f.redispatched), String.valueOf(f.recovered), String.valueOf(f.snapshotsLost),
                String.valueOf(f.snapshotBytesLost), String.valueOf(m.llmFailed()), String.valueOf(f.toolAttemptsFailed),
                String.valueOf(f.toolRetries), String.valueOf(f.toolFailed), String.valueOf(m.llmCompleted()),
                Fmt.fixed(m.goodput(), 4), Fmt.fixed(m.outputTokensPerSecond(), 3));
    }

    /**
     * Appends a finished run: its call, agent and timeline rows (then their temporary files are removed),
     * its summary, per-priority and engine rows and its histograms; flushes every file.
     */
    public void append(RunRecord r) {
        try {
            switch (r.rows()) {
                case RunRows.None none -> { }
                case RunRows.InFiles f -> {
                    copy(Path.of(f.calls()), calls);
                    copy(Path.of(f.agents()), agents);
                    Path t = Path.of(f.timeline());
                    if (Files.size(t) > 0) { // a run without samples leaves no timeline.csv, as when streamed
                        copy(t, timeline());
                    }
                    f.discard();
                }
                case RunRows.InBytes b -> {
                    calls.getOut().append(new String(b.calls(), StandardCharsets.UTF_8));
                    agents.getOut().append(new String(b.agents(), StandardCharsets.UTF_8));
                    if (b.timeline().length > 0) {
                        timeline().getOut().append(new String(b.timeline(), StandardCharsets.UTF_8));
                    }
                }
            }
            summary.printRecord(r.summaryRow());
            for (List<String> c : r.classRows()) {
                classes.printRecord(c);
            }
            for (List<String> e : r.engineRows()) {
                engines.printRecord(e);
            }
            hlogs.append(r.hlogs());
            if (r.faultsRow() != null) {
                if (faults == null) {
                    faults = Csv.open(dir.resolve("faults.csv"), FAULTS_HEADER);
                }
                faults.printRecord(r.faultsRow());
                faults.flush();
            }
            summary.flush();
            classes.flush();
            engines.flush();
            calls.flush();
            agents.flush();
            if (timeline != null) {
                timeline.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results in " + dir + ": " + OutputFile.reason(e), e);
        }
    }

    /**
     * Appends one live run's {@code steps.csv} rows: every step its real (DJL) engines carried out
     * ({@link StepsCsv}); the file is created with the first run that has any.
     */
    public void steps(String policy, long seed, List<dev.aiosim.inference.live.StepRecord> records) {
        try {
            if (steps == null) {
                steps = Csv.open(dir.resolve("steps.csv"), StepsCsv.HEADER);
            }
            StepsCsv.print(steps, policy, seed, records);
            steps.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write steps.csv in " + dir + ": " + OutputFile.reason(e), e);
        }
    }

    private static void copy(Path rows, CSVPrinter to) throws IOException {
        Appendable out = to.getOut();
        char[] buf = new char[1 << 16];
        try (java.io.Reader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.append(java.nio.CharBuffer.wrap(buf, 0, n));
            }
        }
    }

    private static String secs(double s) {
        return Fmt.fixed(s, 6);
    }

    @Override
    public void close() {
        try (summary; classes; engines; calls; agents; hlogs; CSVPrinter t = timeline; AutoCloseable f = faults; AutoCloseable a = audit;
             AutoCloseable st = steps) {
            // closes all, in reverse order
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results in " + dir + ": " + OutputFile.reason(e), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
