package dev.aiosim.cli.command;

import dev.aiosim.cli.spec.SpecException;
import picocli.CommandLine.Option;

/**
 * {@code --jobs N}, declared once for the commands whose runs can go in parallel ({@code run},
 * {@code compare}, {@code replay}, {@code sweep}): how many runs at once on this machine. The
 * results do not depend on it.
 */
public final class JobsOption {
    /** The largest {@code --jobs}: more threads than this only cost memory. */
    public static final int MAX = 1024;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs up to N runs at once, from 1 to " + MAX + " (default: the number of cores); the results are the same whatever N.")
    Integer jobs;

    /** The number of jobs: as given (range-checked), else the number of cores. */
    public int jobs() {
        if (jobs == null) {
            return Math.max(1, Math.min(MAX, Runtime.getRuntime().availableProcessors()));
        }
        if (jobs < 1 || jobs > MAX) {
            throw new SpecException("--jobs " + jobs + ": expected an integer from 1 to " + MAX);
        }
        return jobs;
    }
}
