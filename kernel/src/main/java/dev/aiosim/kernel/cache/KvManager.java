package dev.aiosim.kernel.cache;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.process.Prefix;
import java.util.ArrayList;

/**
 * One engine's KV pool, kept in one place (after vLLM's KV-cache manager): it allocates a call's
 * KV when the call is admitted, grows it by one token per decode step, frees it when the call
 * stops running, and evicts unreferenced prefix-cache blocks when room is needed. The kernel
 * decides who runs; this class only keeps the books and refuses to over-commit them.
 *
 * <p>Books: {@link #usedTokens() used} = private tokens of the calls holding KV + tokens of every
 * block in the prefix cache, referenced or not. Every holder reserves one more token for its next
 * step, so the pool is over-committed when used + holders &gt; capacity. Policies see unreferenced
 * cached blocks as free ({@link #freeTokens()}), since they are evicted, least recently released
 * first, as soon as the room is needed and before anyone is preempted.
 */
public final class KvManager {
    private final int engine;
    private final long capacity;
    /** Null when the prefix cache is off. */
    private final PrefixCache cache;
    private final EngineStats stats;
    private final ArrayList<KvAllocation> holders = new ArrayList<>();
    private long used;
    private long contextTokens;

    /**
     * @param engine the engine's id, for messages
     * @param prefixCache whether blocks named by a call's prefix are cached and shared
     * @param stats where lookups and evictions are counted
     */
    public KvManager(int engine, long capacityTokens, boolean prefixCache, EngineStats stats) {
        this.engine = engine;
        this.capacity = capacityTokens;
        this.cache = prefixCache ? new PrefixCache() : null;
        this.stats = stats;
    }

    /**
     * A new allocation, holding nothing yet, for a call with {@code promptTokens} and
     * {@code prefix} (null: none); its blocks go through the prefix cache when there is one.
     */
    public KvAllocation track(Object owner, Prefix prefix, int promptTokens) {
        return new KvAllocation(owner, cache != null && prefix != null ? new BlockTable(prefix, promptTokens) : null);
    }

    /**
     * Allocates KV for a call admitted with {@code context} tokens, evicting unreferenced cached
     * blocks first as needed. A call without cached blocks takes its whole context as its own KV
     * (a fresh prefill, a swap-in or a recompute) and the result is null. A call with cached
     * blocks references its resident ones; with {@code lookup} (a fresh call or a recompute
     * resume) the leading resident blocks are hits that skip prefill and the lookup is counted;
     * without it (a swap resume) no block is a hit. Its missing blocks are stored as new cached
     * blocks it references. Room is made only after its resident blocks are referenced, so a call
     * never evicts its own prefix.
     *
     * @return what the lookup found, or null for a call without cached blocks
     * @throws InvariantViolation when the admission over-commits the pool
     */
    public BlockTable.Admission allocate(KvAllocation a, int context, boolean lookup) {
        if (a.held()) {
            throw new IllegalStateException(a + " already holds KV");
        }
        BlockTable table = a.blocks;
        BlockTable.Admission found = null;
        if (table == null) {
            if (cache != null) {
                makeRoom(context + 1L); // a call without prefix still evicts unreferenced blocks
            }
            used += context;
        } else {
            found = table.admit(cache, context, lookup);
            long missing = found.missingTokens();
            long own = context - found.residentTokens() - missing;
            makeRoom(own + missing + 1);
            long dup = table.insertMissing(cache);
            used += own + missing - dup;
            if (used + holders.size() + 1 > capacity) {
                throw new InvariantViolation("engine " + engine + " over-committed KV admitting " + a + ": " + used
                        + " used + " + (holders.size() + 1) + " next tokens > " + capacity + " with "
                        + cache.evictableTokens() + " evictable");
            }
            if (lookup) {
                int cacheable = table.cacheableBlocks(context);
                stats.lookup(cacheable, (long) cacheable * table.blockTokens(), found.hitTokens(),
                        context - found.prefillTokens(context));
            }
        }
        a.tokens = context;
        contextTokens += context;
        a.holderIndex = holders.size();
        holders.add(a);
        return found;
    }

    /** A holder's context grew by one token; a session's newly full block is referenced (shared if resident). */
    public void grow(KvAllocation a) {
        if (a.holderIndex < 0) {
            throw new IllegalStateException(a + " holds no KV to grow");
        }
        a.tokens++;
        contextTokens++;
        used++;
        if (a.blocks != null) {
            used -= a.blocks.grow(cache, a.tokens);
        }
    }

    /**
     * The call stops running: its private KV is freed and its cached blocks released, last
     * position first; they stay cached, unreferenced, until the room is needed.
     *
     * @return the private tokens freed (what a swap-out copies)
     */
    public long free(KvAllocation a) {
        int i = a.holderIndex;
        if (i < 0) {
            throw new IllegalStateException(a + " holds no KV to free");
        }
        long own = a.privateTokens();
        used -= own;
        if (a.blocks != null) {
            a.blocks.releaseAll(cache);
        }
        contextTokens -= a.tokens;
        a.tokens = 0;
        KvAllocation last = holders.remove(holders.size() - 1);
        if (last != a) {
            holders.set(i, last);
            last.holderIndex = i;
        }
        a.holderIndex = -1;
        return own;
    }

    /** Evicts the least recently released unreferenced block; false when there is none. */
    public boolean evictOne() {
        int tokens = cache == null ? 0 : cache.evictOne();
        if (tokens == 0) {
            return false;
        }
        used -= tokens;
        stats.evicted();
        return true;
    }

    /** Evicts unreferenced blocks until {@code tokens} more KV fit beside the holders' next tokens. */
    void makeRoom(long tokens) {
        while (used + holders.size() + tokens > capacity && evictOne()) {
            // evicting, least recently released first
        }
    }

    /**
     * Before a step: evicts unreferenced blocks, least recently released first, until every
     * holder's next token fits. False when they still do not fit: someone must be preempted.
     */
    public boolean fitNextTokens() {
        makeRoom(0);
        return !overCommitted();
    }

    /** True when the holders' next tokens do not fit. */
    public boolean overCommitted() {
        return used + holders.size() > capacity;
    }

    /** KV tokens free after reserving each holder's next token; unreferenced cached blocks count as free. */
    public long freeTokens() {
        long evictable = cache == null ? 0 : cache.evictableTokens();
        return capacity - (used - evictable) - holders.size();
    }

    /**
     * The free KV that admitting a waiting call with {@code context} tokens takes: its context
     * plus its next token, less the tokens of its cached blocks that holders already reference.
     */
    public long admissionNeed(KvAllocation a, int context) {
        return a.blocks == null ? context + 1L : context + 1L - a.blocks.sharedTokens(cache, context);
    }

    /**
     * The KV that preempting a holder with {@code context} tokens surely gives back: its private
     * tokens plus its next token (its shared blocks may stay referenced by others, or be wanted
     * by the call being admitted, so they are not counted).
     */
    public long preemptionGain(KvAllocation a, int context) {
        return a.blocks == null ? context + 1L : context - a.blocks.heldTokens() + 1;
    }

    /**
     * Checks the books at a step: the pool is not over-committed, and (in O(holders)) the used
     * and context tokens agree with the holders and the prefix cache; see {@link KvAudit}.
     *
     * @throws InvariantViolation naming what disagrees
     */
    public void audit() {
        if (used + holders.size() > capacity || used < 0) {
            throw new InvariantViolation("engine " + engine + " KV " + used + " + " + holders.size()
                    + " next tokens exceeds capacity " + capacity);
        }
        if (cache == null) {
            if (used != contextTokens) {
                throw new InvariantViolation("engine " + engine + " KV used " + used + " != context tokens "
                        + contextTokens + " of its calls without a prefix cache");
            }
        } else {
            KvAudit.check(engine, used, contextTokens, cache, holders);
        }
    }

    /** KV tokens in use: private tokens of the holders plus every cached block. */
    public long usedTokens() {
        return used;
    }

    public long capacityTokens() {
        return capacity;
    }

    /** Context tokens the holders attend over (a shared block counts once per holder). */
    public long contextTokens() {
        return contextTokens;
    }

    /** Calls holding KV. */
    public int holders() {
        return holders.size();
    }

    /** The prefix cache, or null when it is off. */
    public PrefixCache prefixCache() {
        return cache;
    }
}
