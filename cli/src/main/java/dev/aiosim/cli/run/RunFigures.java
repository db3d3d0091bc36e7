package dev.aiosim.cli.run;

import dev.aiosim.cli.results.Metric;
import dev.aiosim.kernel.metrics.ClassStats;
import dev.aiosim.kernel.metrics.Histograms;
import dev.aiosim.kernel.metrics.RunMetrics;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the reports read of a finished run, and nothing more: a run's {@link RunMetrics} holds
 * about half a megabyte of histograms, which are written to the results folder as the run
 * finishes and must not be kept for thousands of repetitions. These few numbers are taken once
 * from the metrics, with the very functions of {@link Metric#SUMMARY}, so that the console
 * tables and {@code compare.csv} show exactly what a report of the metrics showed.
 */
public final class RunFigures implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Position of each summary metric in {@link #summary}. */
    private static final Map<Metric, Integer> INDEX = index();

    private final double[] summary;
    private final SortedMap<Integer, Level> levels; // an unmodifiable TreeMap: serializable

    /**
     * One priority level's means.
     *
     * @param queueingMeanSeconds mean queueing delay of its calls (NaN if none)
     * @param turnaroundMeanSeconds mean turnaround of its agents (NaN if none finished)
     */
    public record Level(double queueingMeanSeconds, double turnaroundMeanSeconds) implements java.io.Serializable {}

    private RunFigures(double[] summary, SortedMap<Integer, Level> levels) {
        this.summary = summary;
        this.levels = Collections.unmodifiableSortedMap(levels);
    }

    /** The figures of {@code m}. */
    public static RunFigures of(RunMetrics m) {
        List<Metric> metrics = Metric.SUMMARY;
        double[] values = new double[metrics.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = metrics.get(i).value().applyAsDouble(m);
        }
        SortedMap<Integer, Level> levels = new TreeMap<>();
        for (Map.Entry<Integer, ClassStats> e : m.classes().entrySet()) {
            ClassStats c = e.getValue();
            levels.put(e.getKey(), new Level(Histograms.meanSeconds(c.callQueueing()), Histograms.meanSeconds(c.agentTurnaround())));
        }
        return new RunFigures(values, levels);
    }

    /** The value of summary metric {@code metric}, as {@code metric.value()} gave it for the run. */
    public double value(Metric metric) {
        Integer i = INDEX.get(metric);
        if (i == null) {
            throw new IllegalArgumentException("not a summary metric: " + metric.column());
        }
        return summary[i];
    }

    /** Per priority level present in the run, in ascending order, its means. */
    public SortedMap<Integer, Level> levels() {
        return levels;
    }

    private static Map<Metric, Integer> index() {
        Map<Metric, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < Metric.SUMMARY.size(); i++) {
            index.put(Metric.SUMMARY.get(i), i);
        }
        return index;
    }

    @Override
    public String toString() {
        return "RunFigures" + Arrays.toString(summary) + levels;
    }
}
