package dev.aiosim.kernel.metrics;

/**
 * One agent's use of the agent-OS services ({@code agents.csv} columns written when the spec
 * declares memory, storage or access).
 *
 * @param denied its memory, storage and tool calls the access manager refused
 * @param memoryHits its memory operations served from RAM
 * @param memoryMisses its memory operations served from the storage tier
 * @param pageOuts its LLM calls truncated or summarised to fit the context window
 */
public record AgentServiceCounts(int denied, long memoryHits, long memoryMisses, int pageOuts) {
    /** No use at all. */
    public static final AgentServiceCounts NONE = new AgentServiceCounts(0, 0, 0, 0);
}
