package dev.aiosim.kernel.cache;

import java.util.HashMap;
import java.util.function.Consumer;

/**
 * One engine's prefix cache: blocks by name, each stored once however many calls share it, with
 * a reference count (references of running calls) and an LRU order among the unreferenced ones.
 *
 * <p>The cache only keeps the books; the {@link KvManager} decides when to evict (whenever the KV pool needs
 * room, before the kernel preempts anyone). Eviction takes the least recently released block first. A
 * call releases its blocks last block first, so that among the blocks of one call the tail of
 * its context goes before its head, as in vLLM's free-block queue, and a shared prefix outlives
 * the suffixes built on it.
 *
 * <p>Tokens: {@link #cachedTokens()} = {@link #pinnedTokens()} + {@link #evictableTokens()}. A
 * block name is used with one block size only; a second size for the same name is a workload
 * error and is refused.
 */
public final class PrefixCache {
    private final HashMap<Long, CachedBlock> blocks = new HashMap<>();
    private CachedBlock lruHead;
    private CachedBlock lruTail;
    private long pinnedTokens;
    private long evictableTokens;
    private long refSum;
    private int evictableBlocks;

    /** The resident block named {@code id}, or null; checks that it has {@code tokens} tokens. */
    public CachedBlock find(long id, int tokens) {
        CachedBlock b = blocks.get(id);
        if (b != null && b.tokens != tokens) {
            throw new IllegalArgumentException("block id " + id + " is named with " + tokens + " tokens per block and with "
                    + b.tokens + ": a block name must always have the same size");
        }
        return b;
    }

    /** Adds one reference to a resident block, taking it out of the LRU list if it was unreferenced. */
    public void pin(CachedBlock b) {
        if (!b.resident) {
            throw new IllegalStateException(b + " was evicted");
        }
        if (b.refs++ == 0) {
            unlink(b);
            evictableTokens -= b.tokens;
            evictableBlocks--;
            pinnedTokens += b.tokens;
        }
        refSum++;
    }

    /** Stores a new block named {@code id} with one reference; the caller has made room for it. */
    public CachedBlock insert(long id, int tokens) {
        CachedBlock b = new CachedBlock(id, tokens);
        if (blocks.putIfAbsent(id, b) != null) {
            throw new IllegalStateException("block id " + id + " is already cached");
        }
        b.refs = 1;
        refSum++;
        pinnedTokens += tokens;
        return b;
    }

    /** Drops one reference; an unreferenced block becomes the most recently released in the LRU list. */
    public void release(CachedBlock b) {
        if (b.refs <= 0) {
            throw new IllegalStateException(b + " released more often than pinned");
        }
        refSum--;
        if (--b.refs == 0) {
            pinnedTokens -= b.tokens;
            evictableTokens += b.tokens;
            evictableBlocks++;
            b.prev = lruTail;
            b.next = null;
            if (lruTail == null) {
                lruHead = b;
            } else {
                lruTail.next = b;
            }
            lruTail = b;
        }
    }

    /** Evicts the least recently released unreferenced block and returns its tokens, or 0 when none. */
    public int evictOne() {
        CachedBlock b = lruHead;
        if (b == null) {
            return 0;
        }
        unlink(b);
        blocks.remove(b.id);
        b.resident = false;
        evictableTokens -= b.tokens;
        evictableBlocks--;
        return b.tokens;
    }

    private void unlink(CachedBlock b) {
        if (b.prev == null) {
            lruHead = b.next;
        } else {
            b.prev.next = b.next;
        }
        if (b.next == null) {
            lruTail = b.prev;
        } else {
            b.next.prev = b.prev;
        }
        b.prev = null;
        b.next = null;
    }

    /** Tokens of all resident blocks, referenced or not. */
    public long cachedTokens() {
        return pinnedTokens + evictableTokens;
    }

    /** Tokens of blocks referenced by at least one running call. */
    public long pinnedTokens() {
        return pinnedTokens;
    }

    /** Tokens of unreferenced blocks: KV that can be reclaimed at once. */
    public long evictableTokens() {
        return evictableTokens;
    }

    /** Sum of all reference counts. */
    public long refSum() {
        return refSum;
    }

    /** Resident blocks. */
    public int blockCount() {
        return blocks.size();
    }

    public int evictableBlocks() {
        return evictableBlocks;
    }

    /** Ids of the unreferenced blocks, next to be evicted first (for tests and audits). */
    public void forEachEvictable(Consumer<CachedBlock> action) {
        for (CachedBlock b = lruHead; b != null; b = b.next) {
            action.accept(b);
        }
    }

    /** Every resident block, in no particular order (for audits). */
    public void forEachBlock(Consumer<CachedBlock> action) {
        blocks.values().forEach(action);
    }
}
