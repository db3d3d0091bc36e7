package dev.aiosim.kernel.memory;

/**
 * One item of an agent's memory: its size, its tier, and the times (access numbers) of its last K
 * accesses, which order it for eviction.
 */
final class MemoryItem {
    final long owner;
    final String name;
    /** Unique among items, the last tie-break of the eviction order. */
    final long id;
    long bytes;
    boolean resident;
    /** Access numbers, most recent at {@code (head - 1) mod K}. */
    private final long[] history;
    private int accesses;
    private int head;

    MemoryItem(long owner, String name, long id, long bytes, int k) {
        this.owner = owner;
        this.name = name;
        this.id = id;
        this.bytes = bytes;
        this.history = new long[k];
    }

    void touch(long access) {
        history[head] = access;
        head = (head + 1) % history.length;
        accesses++;
    }

    long lastAccess() {
        return history[(head - 1 + history.length) % history.length];
    }

    /**
     * The K-th most recent access, or -1 when the item has had fewer than K: its backward
     * K-distance is infinite and it goes first (O'Neil et al. 1993).
     */
    long kthAccess() {
        return accesses < history.length ? -1 : history[head];
    }

    @Override
    public String toString() {
        return "item " + owner + "/" + name + " (" + bytes + " B)";
    }
}
