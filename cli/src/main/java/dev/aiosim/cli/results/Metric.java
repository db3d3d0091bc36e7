package dev.aiosim.cli.results;

import dev.aiosim.kernel.metrics.Histograms;
import dev.aiosim.kernel.metrics.RunMetrics;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One number a run reports, with its {@code summary.csv} column name and decimals. The list
 * {@link #SUMMARY} is the single definition of the summary columns after policy, clairvoyant and
 * seed; times are in seconds.
 *
 * @param column column name
 * @param decimals digits after the point (0 for counts)
 * @param value how to read it from a run
 */
public record Metric(String column, int decimals, ToDoubleFunction<RunMetrics> value) {
    private static final int S = 6; // seconds: microsecond resolution

    /** The summary columns, in order. */
    public static final List<Metric> SUMMARY = List.of(
            count("agents", RunMetrics::agentsArrived),
            count("agents_finished", RunMetrics::agentsFinished),
            count("calls", RunMetrics::llmSubmitted),
            count("calls_completed", RunMetrics::llmCompleted),
            count("calls_unfinished", RunMetrics::llmUnfinished),
            count("calls_rejected", RunMetrics::llmRejected),
            count("calls_cancelled", RunMetrics::llmCancelled),
            count("other_calls", RunMetrics::otherSubmitted),
            count("other_calls_completed", RunMetrics::otherCompleted),
            count("skipped_rows", RunMetrics::skippedRows),
            count("filtered_rows", RunMetrics::filteredRows),
            count("prompt_tokens", RunMetrics::promptTokens),
            count("output_tokens", RunMetrics::outputTokensServed),
            count("slo_met", RunMetrics::sloMet),
            new Metric("makespan_s", S, m -> m.makespanNanos() / 1e9),
            new Metric("tokens_per_s", 3, RunMetrics::outputTokensPerSecond),
            new Metric("calls_per_s", 4, RunMetrics::callsPerSecond),
            new Metric("goodput_per_s", 4, RunMetrics::goodput),
            mean("queueing_mean_s", RunMetrics::queueing),
            pct("queueing_p50_s", 50, RunMetrics::queueing),
            pct("queueing_p90_s", 90, RunMetrics::queueing),
            pct("queueing_p99_s", 99, RunMetrics::queueing),
            mean("ttft_mean_s", RunMetrics::ttft),
            pct("ttft_p50_s", 50, RunMetrics::ttft),
            pct("ttft_p90_s", 90, RunMetrics::ttft),
            pct("ttft_p99_s", 99, RunMetrics::ttft),
            pct("tbt_p50_s", 50, RunMetrics::tbt),
            pct("tbt_p99_s", 99, RunMetrics::tbt),
            mean("e2e_mean_s", RunMetrics::e2e),
            pct("e2e_p50_s", 50, RunMetrics::e2e),
            pct("e2e_p90_s", 90, RunMetrics::e2e),
            pct("e2e_p99_s", 99, RunMetrics::e2e),
            mean("turnaround_mean_s", RunMetrics::turnaround),
            pct("turnaround_p50_s", 50, RunMetrics::turnaround),
            pct("turnaround_p99_s", 99, RunMetrics::turnaround),
            mean("agent_waiting_mean_s", RunMetrics::agentWaiting),
            count("preemptions", RunMetrics::preemptions),
            count("snapshots", m -> m.snapshots().snapshots()),
            count("swap_out_bytes", m -> m.snapshots().bytesOut()),
            count("swap_in_bytes", m -> m.snapshots().bytesIn()),
            count("recomputed_tokens", m -> m.snapshots().recomputedTokens()),
            count("swap_fallbacks", m -> m.snapshots().swapFallbacks()),
            new Metric("busy_fraction", S, RunMetrics::busyFraction),
            new Metric("mean_batch", 4, RunMetrics::meanBatch),
            new Metric("kv_use", S, RunMetrics::meanKvUse),
            new Metric("jain_fairness", S, RunMetrics::jainFairness),
            count("steps", RunMetrics::steps),
            count("events", RunMetrics::events),
            new Metric("prefix_hit_rate", S, RunMetrics::prefixHitRate),
            count("prefill_tokens_saved", RunMetrics::prefillTokensSaved),
            count("prefix_evictions", RunMetrics::prefixEvictions));

    /** This metric of a run as text. */
    public String format(RunMetrics m) {
        return Fmt.fixed(value.applyAsDouble(m), decimals);
    }

    /** A metric by column name. */
    public static Metric byColumn(String column) {
        for (Metric m : SUMMARY) {
            if (m.column.equals(column)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no metric " + column);
    }

    private static Metric count(String column, java.util.function.ToLongFunction<RunMetrics> f) {
        return new Metric(column, 0, m -> f.applyAsLong(m));
    }

    private static Metric mean(String column, java.util.function.Function<RunMetrics, org.HdrHistogram.Histogram> h) {
        return new Metric(column, S, m -> Histograms.meanSeconds(h.apply(m)));
    }

    private static Metric pct(String column, double p, java.util.function.Function<RunMetrics, org.HdrHistogram.Histogram> h) {
        return new Metric(column, S, m -> Histograms.seconds(h.apply(m), p));
    }
}
