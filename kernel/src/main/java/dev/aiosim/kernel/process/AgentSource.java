package dev.aiosim.kernel.process;

import java.io.Closeable;

/**
 * A stream of agent arrivals in non-decreasing time order. The kernel pulls one arrival ahead, so
 * a trace of any length replays in memory proportional to the active agents.
 * Implementations report bad input by throwing with file, line and field.
 */
public interface AgentSource extends Closeable {
    /** @return the next arrival, or {@code null} when there are no more */
    AgentArrival next();

    /** Rows the source skipped as bad (only with an explicit skip option); 0 by default. */
    default long skippedRows() {
        return 0;
    }

    /**
     * Rows the source read correctly but deliberately did not replay because the format marks them
     * as not servable (e.g. BurstGPT's failed requests, which generated no tokens); 0 by default.
     * Kept apart from {@link #skippedRows()} so that a replay reports both, never dropping rows
     * silently.
     */
    default long filteredRows() {
        return 0;
    }

    @Override
    default void close() {}
}
