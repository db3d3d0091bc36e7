package dev.aiosim.kernel.process;

/**
 * An operation on an agent's persistent files (AIOS's storage manager, Mei et al., COLM 2025).
 * Without a storage manager in the run it is a resource call of its own {@code latencyNanos}, as
 * before; with one ({@code storage:} in the spec) the manager charges a fixed latency plus the
 * bytes moved at the device bandwidth, and the access manager may deny it.
 *
 * @param op {@code create}, {@code read}, {@code write} or {@code delete} (any other name is served as a read)
 * @param latencyNanos service time when no storage manager runs
 * @param bytes file size written by {@code create}/{@code write}; bytes wanted by {@code read} (0 = the whole file)
 * @param file the file's name among its owner's files, or {@code null} for the owner's default file
 * @param target pid of the agent whose files are used, or {@link MemoryCall#SELF} for the caller's own
 */
public record StorageCall(String op, long latencyNanos, long bytes, String file, long target) implements Syscall {
    public StorageCall {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, got " + latencyNanos);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        if (target < MemoryCall.SELF) {
            throw new IllegalArgumentException("target must be a pid >= 0 or SELF (-1), got " + target);
        }
    }

    /** A call of the caller's own default file with only a latency (traces without sizes). */
    public StorageCall(String op, long latencyNanos) {
        this(op, latencyNanos, 0, null, MemoryCall.SELF);
    }
}
