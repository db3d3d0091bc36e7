package dev.aiosim.kernel.process;

/**
 * An operation on agent memory (AIOS's memory manager, Mei et al., COLM 2025; MemGPT's tiers,
 * Packer et al., 2023). Without a memory manager in the run it is a resource call of its own
 * {@code latencyNanos}, as before; with one ({@code memory:} in the spec) the manager decides the
 * latency from where the item lies (RAM hit or storage-tier miss) and the access manager may deny
 * it.
 *
 * @param op {@code alloc}, {@code read}, {@code write} or {@code clear} (any other name is served as a read)
 * @param latencyNanos service time when no memory manager runs
 * @param bytes item size written by {@code alloc}/{@code write}; bytes wanted by {@code read} (0 = the whole item)
 * @param item the item's name within its owner's memory, or {@code null} for the owner's default item
 *     ({@code clear} with {@code null} clears all of the owner's items)
 * @param target pid of the agent whose memory is used, or {@link #SELF} for the caller's own
 */
public record MemoryCall(String op, long latencyNanos, long bytes, String item, long target) implements Syscall {
    /** {@link #target()} meaning the calling agent itself. */
    public static final long SELF = -1;
    /**
     * Bytes per token when a program sizes an item in tokens: about 4 characters of English text
     * per token (OpenAI's rule of thumb for its BPE tokenizers), one byte per character.
     */
    public static final int BYTES_PER_TOKEN = 4;

    public MemoryCall {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0, got " + latencyNanos);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        if (target < SELF) {
            throw new IllegalArgumentException("target must be a pid >= 0 or SELF (-1), got " + target);
        }
    }

    /** A call of the caller's own default item with only a latency (traces without sizes). */
    public MemoryCall(String op, long latencyNanos) {
        this(op, latencyNanos, 0, null, SELF);
    }

    /** A sized operation on the caller's own item. */
    public static MemoryCall own(String op, String item, long bytes) {
        return new MemoryCall(op, 0, bytes, item, SELF);
    }
}
