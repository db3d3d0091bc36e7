package dev.aiosim.cli.sweep;

import dev.aiosim.cli.results.RowBuffer;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.SimulatedRunner;
import dev.aiosim.cli.run.Stop;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A sweep's runs on a fixed pool of threads of this machine, rows buffered in temporary files of the sweep's folder. */
public final class LocalRuns implements RunService {
    private final int jobs;
    private final Path rowsDir;
    private final ExecutorService pool;

    /** {@code jobs} threads; rows buffered in {@code rowsDir}. */
    public LocalRuns(int jobs, Path rowsDir) {
        this.jobs = jobs;
        this.rowsDir = rowsDir;
        this.pool = Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("aiosim-run-", 1).daemon().factory());
    }

    @Override
    public Future<Experiment.Finished> start(RunJob job, Stop stop) {
        return pool.submit(() -> new Experiment(job.spec(), new SimulatedRunner()).runBuffered(job.run(),
                RowBuffer.inFolder(rowsDir, job.run().policy().label(), job.run().seed()), stop));
    }

    @Override
    public int window() {
        return 2 * jobs;
    }

    @Override
    public String where() {
        return "on " + jobs + (jobs == 1 ? " thread" : " threads");
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
