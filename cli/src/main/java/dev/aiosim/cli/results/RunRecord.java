package dev.aiosim.cli.results;

import java.io.Serializable;
import java.util.List;

/**
 * One finished run as its results folder receives it: its rows of {@code summary.csv},
 * {@code classes.csv} and {@code engines.csv} and its histogram-log lines already rendered as
 * text, its call and agent rows, and its wall-clock figures for {@code run.json}. Rendering a run
 * where it ran and appending the records in run order is what keeps a folder written by parallel
 * runs (or remote workers) byte-identical to one written run by run. Serializable, since the
 * runs of a distributed sweep come back this way.
 *
 * @param policy the policy label
 * @param seed the seed
 * @param partial whether the run was stopped before its end
 * @param summaryRow its {@code summary.csv} row
 * @param classRows its {@code classes.csv} rows
 * @param engineRows its {@code engines.csv} rows
 * @param hlogs per histogram log (in the order of the files), the text of its interval histogram
 * @param wallNanos wall time of the run
 * @param events events processed
 * @param makespanNanos virtual time the run covered
 * @param rows its call and agent rows
 * @param faultsRow its {@code faults.csv} row, or null when the spec injects no faults
 */
public record RunRecord(String policy, long seed, boolean partial, List<String> summaryRow, List<List<String>> classRows,
                        List<List<String>> engineRows, List<String> hlogs, long wallNanos, long events, long makespanNanos,
                        RunRows rows, List<String> faultsRow) implements Serializable {
    public RunRecord {
        faultsRow = faultsRow == null ? null : List.copyOf(faultsRow);
        summaryRow = List.copyOf(summaryRow);
        classRows = classRows.stream().map(List::copyOf).toList();
        engineRows = engineRows.stream().map(List::copyOf).toList();
        hlogs = List.copyOf(hlogs);
    }
}
