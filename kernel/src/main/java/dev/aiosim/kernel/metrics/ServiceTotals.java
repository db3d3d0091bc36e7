package dev.aiosim.kernel.metrics;

import dev.aiosim.kernel.memory.MemoryCounters;
import dev.aiosim.kernel.storage.StorageCounters;

/**
 * The agent-OS services' totals of one run: denied calls (access manager), context-window
 * page-outs, and the memory and storage managers' counters (set at the end of the run, null when
 * the manager did not run). Filled by the kernel thread; read by reports.
 */
public final class ServiceTotals {
    long denied;
    long truncations;
    long truncatedTokens;
    long summaries;
    long contextRejected;
    MemoryCounters memory;
    StorageCounters storage;
    boolean reported;

    /** Sets whether the run reports these figures (the spec declares a service). */
    public void reported(boolean r) {
        this.reported = r;
    }

    /** Whether the run reports these figures: results then carry the service columns. */
    public boolean reported() {
        return reported;
    }

    public void onDenied() {
        denied++;
    }

    public void onTruncated(int droppedTokens) {
        truncations++;
        truncatedTokens += droppedTokens;
    }

    public void onSummarised() {
        summaries++;
    }

    public void onContextRejected() {
        contextRejected++;
    }

    /** The managers' end-of-run counters (null for a manager that did not run). */
    public void managers(MemoryCounters memory, StorageCounters storage) {
        this.memory = memory;
        this.storage = storage;
    }

    /** Memory, storage and tool calls the access manager refused. */
    public long denied() { return denied; }
    /** LLM calls whose prompt was cut to fit the context window. */
    public long truncations() { return truncations; }
    /** Prompt tokens those cuts dropped. */
    public long truncatedTokens() { return truncatedTokens; }
    /** LLM calls that were preceded by a summary call to fit the window. */
    public long summaries() { return summaries; }
    /** LLM calls rejected because they could not fit the context window. */
    public long contextRejected() { return contextRejected; }
    /** The memory manager's counters; null when none ran. */
    public MemoryCounters memory() { return memory; }
    /** The storage manager's counters; null when none ran. */
    public StorageCounters storage() { return storage; }
}
