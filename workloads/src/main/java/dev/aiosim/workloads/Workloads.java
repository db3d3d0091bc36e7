package dev.aiosim.workloads;

import dev.aiosim.kernel.process.AgentSource;
import java.nio.file.Path;

/** Entry points that turn a workload description into a stream of agent arrivals. */
public final class Workloads {
    private Workloads() {}

    /**
     * Opens the agents a workload spec describes. The same spec and seed give the same agents
     * (arrival times, programs, lengths) whatever policy runs them.
     *
     * @param spec the {@code workload} section of an experiment spec, validated
     * @param seed the run's seed
     * @param baseDir folder that relative paths in the spec (trace files) are resolved against
     */
    public static AgentSource open(WorkloadSpec spec, long seed, Path baseDir) {
        throw new UnsupportedOperationException("TODO");
    }
}
