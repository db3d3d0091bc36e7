package dev.aiosim.kernel.process;

/**
 * A tool invocation (search, code run, API call) that holds the agent for a latency and uses no
 * GPU. The latency is given by the workload (sampled or replayed).
 *
 * @param tool name of the tool, informational
 * @param latencyNanos how long the tool takes once it starts
 */
public record ToolCall(String tool, long latencyNanos) implements Syscall {
    public ToolCall {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, got " + latencyNanos);
        }
    }
}
