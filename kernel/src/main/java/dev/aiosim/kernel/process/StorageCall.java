package dev.aiosim.kernel.process;

/**
 * A read or write of persistent storage (AIOS's storage manager). Modelled as a resource with a
 * latency.
 *
 * @param op operation name, informational
 * @param latencyNanos service time
 */
public record StorageCall(String op, long latencyNanos) implements Syscall {
    public StorageCall {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, got " + latencyNanos);
        }
    }
}
