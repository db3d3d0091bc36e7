package dev.aiosim.workloads;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.gen.GeneratedSource;
import dev.aiosim.workloads.replay.Replay;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFiles;
import dev.aiosim.workloads.trace.TraceFormats;
import java.nio.file.Files;
import java.nio.file.Path;

/** Entry points that turn a workload description into a stream of agent arrivals. */
public final class Workloads {
    private Workloads() {}

    /**
     * Opens the agents a workload spec describes. The same spec and seed give the same agents
     * (arrival times, programs, lengths) whatever policy runs them.
     *
     * @param spec the {@code workload} section of an experiment spec (validated again here)
     * @param seed the run's seed (trace replay uses it only for {@code replay.sample})
     * @param baseDir folder that relative paths in the spec (trace files, empirical files) are resolved against
     * @throws IllegalArgumentException for an invalid spec (message starts with {@code workload.}),
     *     a missing file, or a trace that fails to read ({@code file:line: field: ...})
     */
    public static AgentSource open(WorkloadSpec spec, long seed, Path baseDir) {
        spec.validate("workload");
        if (spec.replaysTrace()) {
            Path file = baseDir.resolve(spec.trace());
            TraceFiles.checkReadable(file);
            return Replay.open(() -> TraceFormats.open(file, spec.format(), spec.onBadRowOrDefault()),
                    spec.replayOptions(), seed);
        }
        return new GeneratedSource(spec, seed, baseDir, "workload");
    }

    /**
     * Opens a trace file for streaming replay.
     *
     * @param trace the file
     * @param format a format name (e.g. {@code azure-2023}) or null to detect it from the header
     * @param skipBadRows skip rows that cannot be read (counted in {@code skippedRows()}) instead of failing
     */
    public static AgentSource replay(Path trace, String format, boolean skipBadRows) {
        return TraceFormats.open(trace, format, skipBadRows ? OnBadRow.SKIP : OnBadRow.FAIL);
    }
}
