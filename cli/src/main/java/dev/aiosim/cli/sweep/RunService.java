package dev.aiosim.cli.sweep;

import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.Stop;
import java.util.concurrent.Future;

/**
 * Where a sweep's runs are carried out: threads of this machine ({@link LocalRuns}) or the
 * members of a cluster. Whatever the service, a run comes back rendered the same way, so the
 * results folder does not depend on it.
 */
public interface RunService extends AutoCloseable {
    /** Starts a run; its future gives the rendered run (or the run's own failure). */
    Future<Experiment.Finished> start(RunJob job, Stop stop);

    /** How many runs may be started but not yet gathered. */
    int window();

    /** Where the runs go, for the console: {@code on 2 threads}. */
    String where();

    /** Adds to the sweep's {@code run.json} what it should say about where the runs went (nothing by default). */
    default void describe(RunInfo info) {}

    @Override
    void close();
}
