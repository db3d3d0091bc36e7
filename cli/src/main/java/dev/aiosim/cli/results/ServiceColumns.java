package dev.aiosim.cli.results;

import dev.aiosim.kernel.memory.MemoryCounters;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.storage.StorageCounters;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The columns of the agent-OS services (memory, storage, access, context window), appended to
 * {@code summary.csv} and {@code agents.csv} only when the spec declares a {@code memory},
 * {@code storage} or {@code access} section, so that the results of other specs stay as they
 * were. A manager that did not run leaves its columns empty.
 */
public final class ServiceColumns {
    private ServiceColumns() {}

    /** Summary columns, in order (docs/results.md). */
    public static final List<Metric> SUMMARY = List.of(
            memory("memory_ops", MemoryCounters::ops),
            memory("memory_hits", MemoryCounters::hits),
            memory("memory_misses", MemoryCounters::misses),
            memory("memory_not_found", MemoryCounters::notFound),
            new Metric("memory_hit_rate", 6, m -> m.services().memory() == null ? Double.NaN : m.services().memory().hitRate()),
            memory("memory_evictions", MemoryCounters::evictions),
            memory("memory_bytes_moved", MemoryCounters::bytesMoved),
            memory("memory_ram_peak_bytes", MemoryCounters::ramPeakBytes),
            storage("storage_ops", StorageCounters::ops),
            storage("storage_bytes_read", StorageCounters::bytesRead),
            storage("storage_bytes_written", StorageCounters::bytesWritten),
            storage("storage_not_found", StorageCounters::notFound),
            storage("storage_files", StorageCounters::files),
            storage("storage_bytes_stored", StorageCounters::bytesStored),
            count("denied_calls", m -> m.services().denied()),
            count("context_truncations", m -> m.services().truncations()),
            count("context_truncated_tokens", m -> m.services().truncatedTokens()),
            count("context_summaries", m -> m.services().summaries()),
            count("context_rejected", m -> m.services().contextRejected()));

    /** Agent columns, in order. */
    public static final List<String> AGENT_HEADER = List.of("denied_calls", "memory_hits", "memory_misses", "context_pageouts");

    /** An agent's values for {@link #AGENT_HEADER}. */
    static List<Object> agent(AgentRecord a) {
        var s = a.services();
        return List.of(s.denied(), s.memoryHits(), s.memoryMisses(), s.pageOuts());
    }

    private static Metric count(String column, ToLongFunction<RunMetrics> f) {
        return new Metric(column, 0, m -> f.applyAsLong(m));
    }

    private static Metric memory(String column, ToLongFunction<MemoryCounters> f) {
        return new Metric(column, 0, of(m -> m.services().memory() == null ? Double.NaN : f.applyAsLong(m.services().memory())));
    }

    private static Metric storage(String column, ToLongFunction<StorageCounters> f) {
        return new Metric(column, 0, of(m -> m.services().storage() == null ? Double.NaN : f.applyAsLong(m.services().storage())));
    }

    private static ToDoubleFunction<RunMetrics> of(ToDoubleFunction<RunMetrics> f) {
        return f;
    }
}
