package dev.aiosim.cli.run;

import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.spec.ResolvedSpec;
import java.nio.file.Path;

/**
 * How a run is carried out: what turns one policy with one seed of a resolved spec into that
 * run's metrics. The rest of an invocation (spec, results folder, the policy x seed loop, rows,
 * histograms, {@code run.json}, tables) is the same for every kind, so a new engine kind (a real
 * engine, a remote worker of a sweep) plugs in here once, as one more implementation, and every
 * command gets it. Not sealed, for that reason: kinds may live in other modules.
 */
public interface Runner {
    /**
     * Refuses, before any folder is made or run started, a spec this kind of run cannot carry out
     * (a {@link dev.aiosim.cli.spec.SpecException} naming the key). Default: every spec.
     */
    default void check(ResolvedSpec spec) {}

    /** Runs one policy with one seed, streaming rows to the request's sink. */
    RunOutcome run(RunRequest request);

    /** The console line before the runs start. */
    String headline(ResolvedSpec spec, int runs);

    /** The name of the default results folder (before the time stamp). */
    String folderName(ResolvedSpec spec);

    /** The comment on top of {@code spec.yaml}: who wrote it and how to run it again. */
    String specComment(Path specFile);

    /** Adds to {@code run.json} what it should say about this kind of run. */
    void describe(RunInfo info, boolean partial);
}
