package dev.aiosim.kernel.cache;

/**
 * One KV block in an engine's prefix cache: its name, its size in tokens and how many running
 * calls reference it. Unreferenced blocks sit in the cache's LRU list; the list links live here
 * so that pinning and releasing cost O(1).
 */
public final class CachedBlock {
    final long id;
    final int tokens;
    int refs;
    boolean resident = true;
    CachedBlock prev;
    CachedBlock next;

    CachedBlock(long id, int tokens) {
        this.id = id;
        this.tokens = tokens;
    }

    public long id() {
        return id;
    }

    public int tokens() {
        return tokens;
    }

    /** Running calls that reference the block (one count per position that names it). */
    public int refs() {
        return refs;
    }

    /** False once evicted. */
    public boolean resident() {
        return resident;
    }

    @Override
    public String toString() {
        return "block " + Long.toHexString(id) + " (" + tokens + " tokens, " + refs + " refs)";
    }
}
