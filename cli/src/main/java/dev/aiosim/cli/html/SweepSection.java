package dev.aiosim.cli.html;

import dev.aiosim.cli.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sweep section, from {@code sweep.csv} (one row per grid point x policy x seed: the grid
 * keys as columns before {@code policy}, then {@code clairvoyant}, {@code seed} and the summary
 * metrics): per metric, its mean with the 95% interval over the seeds against each swept key, one
 * line per policy (and per value of the other swept keys) — the load-latency plot when the key
 * is the arrival rate. A key whose values are not all numbers gets grouped bars instead.
 */
final class SweepSection {
    /** Columns before {@code policy} that are not grid keys. */
    static final Set<String> NOT_KEYS = Set.of("point", "point_dir", "folder", "dir", "path");

    /** Metrics drawn against the swept key: column and title. */
    static final Map<String, String> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("ttft_p50_s", "Time to first token, median");
        METRICS.put("ttft_p99_s", "Time to first token, 99th percentile");
        METRICS.put("e2e_p50_s", "Call end-to-end latency, median");
        METRICS.put("e2e_p99_s", "Call end-to-end latency, 99th percentile");
        METRICS.put("goodput_per_s", "Goodput: calls meeting the SLO per second");
        METRICS.put("tokens_per_s", "Output tokens per second");
    }

    private SweepSection() {}

    /** The swept keys: columns before {@code policy} (not {@link #NOT_KEYS}) with more than one value. */
    static List<String> keys(CsvTable sweep) {
        int end = sweep.header().indexOf("policy");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < Math.max(end, 0); i++) {
            String k = sweep.header().get(i);
            if (!NOT_KEYS.contains(k) && sweep.distinct(k).size() > 1) {
                keys.add(k);
            }
        }
        return keys;
    }

    static void add(Page page, CsvTable sweep, boolean slo, Charts.Palette palette) {
        page.heading(2, "Sweep");
        List<String> keys = keys(sweep);
        if (keys.isEmpty()) {
            page.note("sweep.csv has no grid key with more than one value before its policy column: nothing to draw against.");
            return;
        }
        List<String> policies = sweep.distinct("policy");
        page.note(sweep.rows().size() + " runs: " + keys.size() + (keys.size() == 1 ? " swept key" : " swept keys") + " ("
                + String.join(", ", keys) + "), " + policies.size() + " policies, " + sweep.distinct("seed").size()
                + " seeds. Mean over the seeds with 95% confidence intervals (Student t).");
        for (String key : keys) {
            List<String> others = keys.stream().filter(k -> !k.equals(key)).toList();
            List<String> xs = sweep.distinct(key);
            boolean numeric = xs.stream().allMatch(SweepSection::isNumber);
            if (numeric) {
                xs = xs.stream().sorted((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b))).toList();
            }
            if (keys.size() > 1) {
                page.heading(3, "against " + key);
            }
            for (Map.Entry<String, String> m : METRICS.entrySet()) {
                if (!sweep.header().contains(m.getKey()) || (m.getKey().equals("goodput_per_s") && !slo)) {
                    continue;
                }
                Map<String, List<Stats>> lines = lines(sweep, key, xs, others, policies, m.getKey());
                String id = "sweep-" + key + "-" + m.getKey();
                boolean glance = key.equals(keys.get(0)) && m.getKey().equals("ttft_p99_s");
                String unit = m.getKey().endsWith("_s") ? "seconds" : m.getKey().equals("goodput_per_s") ? "calls / s" : "tokens / s";
                if (numeric) {
                    double[] x = xs.stream().mapToDouble(Double::parseDouble).toArray();
                    Map<String, Charts.Line> byName = new LinkedHashMap<>();
                    lines.forEach((name, stats) -> byName.put(name, new Charts.Line(x,
                            stats.stream().mapToDouble(s -> s.n() == 0 ? Double.NaN : s.mean()).toArray(),
                            stats.stream().mapToDouble(Stats::halfWidth).toArray())));
                    if (glance) {
                        page.glance(id, Charts.lines(m.getValue(), key, unit, byName, palette));
                    }
                    page.chart(id, Charts.lines(m.getValue(), key, unit, byName, palette));
                } else {
                    if (glance) {
                        page.glance(id, Charts.grouped(m.getValue(), unit, xs, lines, palette));
                    }
                    page.chart(id, Charts.grouped(m.getValue(), unit, xs, lines, palette));
                }
            }
        }
    }

    /** Per line (policy, with the other keys' values), per x value, the metric's stats over the seeds. */
    private static Map<String, List<Stats>> lines(CsvTable sweep, String key, List<String> xs, List<String> others,
                                                  List<String> policies, String metric) {
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (String p : policies) {
            for (Map<String, String> r : sweep.rows()) {
                if (p.equals(r.get("policy"))) {
                    String name = others.isEmpty() ? p : p + " (" + others.stream().map(o -> o + "=" + r.get(o))
                            .collect(Collectors.joining(", ")) + ")";
                    groups.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                }
            }
        }
        Map<String, List<Stats>> out = new LinkedHashMap<>();
        groups.forEach((name, rows) -> {
            List<Stats> per = new ArrayList<>();
            for (String x : xs) {
                per.add(Stats.of(rows.stream().filter(r -> x.equals(r.get(key))).mapToDouble(r -> CsvTable.number(r, metric)).toArray()));
            }
            out.put(name, per);
        });
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
