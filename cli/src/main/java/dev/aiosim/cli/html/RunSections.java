package dev.aiosim.cli.html;

import dev.aiosim.cli.report.Stats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * The sections of a report on one folder of runs ({@code run}, {@code compare}, {@code replay},
 * {@code live}, or one point of a sweep): a table and bars of the summary metrics per policy
 * with 95% intervals over the seeds, CDFs of TTFT, E2E and agent turnaround from the
 * {@code .hlog} files, per-priority panels from {@code classes.csv}, and the timeline.
 */
final class RunSections {
    /**
     * A summary metric the report shows.
     *
     * @param column its {@code summary.csv} column
     * @param title what the reader sees on a chart
     * @param label its short column title in the table
     * @param unit the y axis title
     * @param sloOnly shown only when the spec sets an SLO
     */
    record Shown(String column, String title, String label, String unit, boolean sloOnly) {}

    static final List<Shown> SUMMARY = List.of(
            new Shown("tokens_per_s", "Output tokens per second", "tokens/s", "tokens / s", false),
            new Shown("goodput_per_s", "Goodput: calls meeting the SLO per second", "goodput calls/s", "calls / s", true),
            new Shown("slo_attainment", "SLO attainment: share of calls completed within the SLO", "SLO attainment", "fraction of calls", true),
            new Shown("ttft_p99_s", "Time to first token, 99th percentile", "TTFT p99 s", "seconds", false),
            new Shown("e2e_mean_s", "Call end-to-end latency, mean", "E2E mean s", "seconds", false),
            new Shown("e2e_p99_s", "Call end-to-end latency, 99th percentile", "E2E p99 s", "seconds", false),
            new Shown("queueing_mean_s", "Queueing delay, mean", "queueing mean s", "seconds", false),
            new Shown("turnaround_mean_s", "Agent turnaround, mean", "turnaround mean s", "seconds", false));

    /** Distributions drawn as CDFs: file stem and title. */
    static final Map<String, String> CDFS = new LinkedHashMap<>();

    static {
        CDFS.put("ttft", "Time to first token (CDF)");
        CDFS.put("e2e", "Call end-to-end latency (CDF)");
        CDFS.put("turnaround", "Agent turnaround (CDF)");
    }

    /** Per-priority panels: {@code classes.csv} column and title. */
    static final Map<String, String> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("queueing_mean_s", "Queueing delay, mean, by priority");
        CLASSES.put("e2e_p99_s", "Call end-to-end latency p99, by priority");
        CLASSES.put("turnaround_mean_s", "Agent turnaround, mean, by priority");
    }

    private RunSections() {}

    /** Adds the sections of the folder {@code dir} to the page. */
    static void add(Page page, Path dir, boolean slo, Charts.Palette palette) throws IOException {
        CsvTable summary = CsvTable.read(dir.resolve("summary.csv"));
        List<String> policies = summary.distinct("policy");
        summary(page, summary, policies, slo, palette);
        cdfs(page, dir, palette);
        classes(page, CsvTable.read(dir.resolve("classes.csv")), policies, palette);
        timeline(page, CsvTable.read(dir.resolve("timeline.csv")), policies, palette);
    }

    /** Per policy, the values of {@code column} over its seeds; {@code slo_attainment} is slo_met / calls. */
    static Map<String, Stats> byPolicy(CsvTable t, List<String> policies, String column) {
        Map<String, Stats> out = new LinkedHashMap<>();
        for (String p : policies) {
            out.put(p, Stats.of(t.rows().stream().filter(r -> p.equals(r.get("policy"))).mapToDouble(r -> value(r, column)).toArray()));
        }
        return out;
    }

    /** A row's value of a summary column, or of the derived {@code slo_attainment}. */
    static double value(Map<String, String> row, String column) {
        if (column.equals("slo_attainment")) {
            double calls = CsvTable.number(row, "calls"); // submitted: unfinished and rejected calls missed it
            return calls > 0 ? CsvTable.number(row, "slo_met") / calls : Double.NaN;
        }
        return CsvTable.number(row, column);
    }

    private static void summary(Page page, CsvTable summary, List<String> policies, boolean slo, Charts.Palette palette) {
        page.heading(2, "Summary");
        if (summary.isEmpty()) {
            page.note("summary.csv holds no run.");
            return;
        }
        int seeds = summary.distinct("seed").size();
        page.note("Mean over " + seeds + (seeds == 1 ? " seed" : " seeds") + (seeds > 1
                ? " with the 95% confidence interval (Student t) as ± and as error bars." : "."));
        List<Shown> shown = SUMMARY.stream().filter(s -> slo || !s.sloOnly()).toList();
        List<String> header = new ArrayList<>(List.of("policy", "seeds"));
        shown.forEach(s -> header.add(s.label()));
        List<List<String>> rows = new ArrayList<>();
        for (String p : policies) {
            List<String> row = new ArrayList<>(List.of(p, Long.toString(summary.rows().stream()
                    .filter(r -> p.equals(r.get("policy"))).count())));
            for (Shown s : shown) {
                row.add(cell(byPolicy(summary, List.of(p), s.column()).get(p)));
            }
            rows.add(row);
        }
        page.table(header, rows);
        for (Shown s : shown) {
            page.chart("bars-" + s.column(), Charts.bars(s.title(), s.unit(), byPolicy(summary, policies, s.column()), palette));
        }
    }

    private static void cdfs(Page page, Path dir, Charts.Palette palette) throws IOException {
        page.heading(2, "Latency distributions");
        page.note("Every seed's calls (agents, for turnaround) together, per policy, from the .hlog files.");
        for (Map.Entry<String, String> e : CDFS.entrySet()) {
            Map<String, Histogram> h = HistogramLogs.byPolicy(dir.resolve(e.getKey() + ".hlog"));
            if (h.values().stream().anyMatch(x -> x.getTotalCount() > 0)) {
                if (e.getKey().equals("ttft")) {
                    page.glance("cdf-ttft", Charts.cdf(e.getValue(), h, palette));
                }
                page.chart("cdf-" + e.getKey(), Charts.cdf(e.getValue(), h, palette));
            } else {
                page.note(e.getKey() + ".hlog: no values to draw.");
            }
        }
    }

    private static void classes(Page page, CsvTable classes, List<String> policies, Charts.Palette palette) {
        TreeSet<Integer> levels = new TreeSet<>();
        classes.rows().forEach(r -> levels.add((int) CsvTable.number(r, "priority")));
        if (levels.size() < 2) {
            return;
        }
        page.heading(2, "Priority classes");
        page.note("Per priority level (larger is more important): mean over seeds with 95% intervals.");
        List<String> categories = levels.stream().map(l -> "priority " + l).toList();
        for (Map.Entry<String, String> e : CLASSES.entrySet()) {
            Map<String, List<Stats>> by = new LinkedHashMap<>();
            for (String p : policies) {
                List<Stats> per = new ArrayList<>();
                for (int level : levels) {
                    per.add(Stats.of(classes.rows().stream().filter(r -> p.equals(r.get("policy"))
                            && (int) CsvTable.number(r, "priority") == level).mapToDouble(r -> CsvTable.number(r, e.getKey())).toArray()));
                }
                by.put(p, per);
            }
            page.chart("class-" + e.getKey(), Charts.grouped(e.getValue(), "seconds", categories, by, palette));
        }
    }

    private static void timeline(Page page, CsvTable timeline, List<String> policies, Charts.Palette palette) {
        page.heading(2, "Timeline");
        if (timeline.isEmpty()) {
            page.note("No timeline.csv here (live runs, and runs with metrics.timeline-interval: off, sample none).");
            return;
        }
        String seed = timeline.rows().get(0).get("seed");
        page.note("Sampled every metrics.timeline-interval of virtual time, seed " + seed
                + "; calls summed over the engines, KV use their mean (cached prefix blocks count as used).");
        Map<String, Charts.Line> queued = new LinkedHashMap<>();
        Map<String, Charts.Line> running = new LinkedHashMap<>();
        Map<String, Charts.Line> kv = new LinkedHashMap<>();
        for (String p : policies) {
            // per time, the sum over engines (rows of one time are consecutive, engines in id order)
            List<double[]> points = new ArrayList<>();
            double[] cur = null;
            for (Map<String, String> r : timeline.rows()) {
                if (!p.equals(r.get("policy")) || !seed.equals(r.get("seed"))) {
                    continue;
                }
                double t = CsvTable.number(r, "time_s");
                if (cur == null || cur[0] != t) {
                    cur = new double[5];
                    cur[0] = t;
                    points.add(cur);
                }
                cur[1] += CsvTable.number(r, "queued");
                cur[2] += CsvTable.number(r, "running");
                cur[3] += CsvTable.number(r, "kv_fraction");
                cur[4]++; // engines: identical, so the cluster's KV use is their mean
            }
            int n = points.size();
            double[] x = new double[n];
            double[] q = new double[n];
            double[] b = new double[n];
            double[] k = new double[n];
            for (int i = 0; i < n; i++) {
                double[] pt = points.get(i);
                x[i] = pt[0];
                q[i] = pt[1];
                b[i] = pt[2];
                k[i] = pt[4] > 0 ? pt[3] / pt[4] : 0;
            }
            queued.put(p, new Charts.Line(x, q, null));
            running.put(p, new Charts.Line(x, b, null));
            kv.put(p, new Charts.Line(x, k, null));
        }
        page.glance("timeline-queued", Charts.lines("Calls queued", "virtual time (s)", "calls", queued, palette));
        page.chart("timeline-queued", Charts.lines("Calls queued", "virtual time (s)", "calls", queued, palette));
        page.chart("timeline-running", Charts.lines("Running batch", "virtual time (s)", "calls", running, palette));
        page.chart("timeline-kv", Charts.lines("KV cache use", "virtual time (s)", "fraction of the KV pool", kv, palette));
    }

    /** {@code mean ± half-width} with 3 significant digits; the mean alone for one value; "-" for none. */
    static String cell(Stats s) {
        if (s.n() == 0) {
            return "-";
        }
        String mean = num(s.mean());
        return Double.isNaN(s.halfWidth()) ? mean : mean + " ± " + num(s.halfWidth());
    }

    static String num(double x) {
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f", x);
    }
}
