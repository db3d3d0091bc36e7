package dev.aiosim.kernel.process;

/**
 * A read or write of agent memory (AIOS's memory manager). Modelled as a resource with a latency.
 *
 * @param op operation name, informational
 * @param latencyNanos service time
 */
public record MemoryCall(String op, long latencyNanos) implements Syscall {
    public MemoryCall {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, got " + latencyNanos);
        }
    }
}
