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
 *
 * <p>Chunked prefill: a call whose prompt is partly prefilled holds the KV of its prefilled tokens
 * only ({@link #allocateForPrefill}), and its KV grows as its chunks land ({@link #landChunk}).
 * The rest of its context is <em>reserved</em>: kept free for it, so that admitting it takes the
 * same free KV as admitting it whole and its later chunks never need anyone preempted. The pool is
 * then over-committed when used + holders + reserved &gt; capacity.
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
    private long reserved;

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
        return allocate(a, context, lookup, 0);
    }

    /**
     * As {@link #allocate(KvAllocation, int, boolean)}, for a call whose context has
     * {@code reserve} more tokens still to be prefilled (a call swapped out in the middle of its
     * prefill): they are reserved for it.
     */
    public BlockTable.Admission allocate(KvAllocation a, int context, boolean lookup, int reserve) {
        if (a.held()) {
            throw new IllegalStateException(a + " already holds KV");
        }
        BlockTable table = a.blocks;
        BlockTable.Admission found = null;
        if (table == null) {
            if (cache != null) {
                makeRoom(context + 1L + reserve); // a call without prefix still evicts unreferenced blocks
            }
            used += context;
        } else {
            found = table.admit(cache, context, lookup);
            long missing = found.missingTokens();
            long own = context - found.residentTokens() - missing;
            makeRoom(own + missing + 1 + reserve);
            long dup = table.insertMissing(cache);
            used += own + missing - dup;
            if (used + holders.size() + 1 + reserved + reserve > capacity) {
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
        hold(a, context, reserve);
        return found;
    }

    private void hold(KvAllocation a, int tokens, int reserve) {
        a.tokens = tokens;
        a.reserved = reserve;
        reserved += reserve;
        contextTokens += tokens;
        a.holderIndex = holders.size();
        holders.add(a);
    }

    /**
     * Allocates KV for a call admitted to prefill its {@code context} tokens in chunks (a fresh
     * call or a recompute resume): it references its leading resident cached blocks, which are
     * prefix-cache hits (the lookup is counted), and holds their KV; the rest of its context is
     * reserved until its chunks land. Unreferenced blocks are evicted first as needed, never its own hits.
     *
     * @return the tokens of its hits: its prefill starts after them (at the last token when they
     *     cover the whole context, which must still compute its logits)
     */
    public int allocateForPrefill(KvAllocation a, int context) {
        if (a.held()) {
            throw new IllegalStateException(a + " already holds KV");
        }
        BlockTable table = a.blocks;
        int hit = 0;
        if (table != null) {
            hit = table.leadingHitTokens(cache, context);
            table.admit(cache, hit, true); // references exactly the hits: all resident, none missing
        }
        if (cache != null) {
            makeRoom(context - hit + 1L);
        }
        if (table != null) {
            int cacheable = table.cacheableBlocks(context);
            stats.lookup(cacheable, (long) cacheable * table.blockTokens(), hit, Math.min(hit, context - 1));
        }
        hold(a, hit, context - hit);
        if (used + holders.size() + reserved > capacity) {
            throw new InvariantViolation("engine " + engine + " over-committed KV admitting " + a + " for prefill: "
                    + used + " used + " + holders.size() + " next tokens + " + reserved + " reserved > " + capacity);
        }
        return hit;
    }

    /**
     * A chunk of a partly prefilled call is scheduled: its KV grows to {@code tokens} tokens (no
     * change when it holds them already), taken from its reservation; the cacheable blocks that
     * become full are referenced (shared when resident, stored otherwise).
     */
    public void landChunk(KvAllocation a, int tokens) {
        if (a.holderIndex < 0) {
            throw new IllegalStateException(a + " holds no KV to grow");
        }
        int grow = tokens - a.tokens;
        if (grow <= 0) {
            return;
        }
        if (grow > a.reserved) {
            throw new IllegalStateException(a + " grows by " + grow + " tokens with " + a.reserved + " reserved");
        }
        a.tokens = tokens;
        a.reserved -= grow;
        reserved -= grow;
        contextTokens += grow;
        used += grow;
        if (a.blocks != null) {
            used -= a.blocks.grow(cache, tokens);
        }
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
        reserved -= a.reserved;
        a.reserved = 0;
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

    /** Evicts unreferenced blocks until {@code tokens} more KV fit beside the holders' next tokens and the reservations. */
    void makeRoom(long tokens) {
        while (used + holders.size() + reserved + tokens > capacity && evictOne()) {
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

    /** True when the holders' next tokens (and the reservations of partly prefilled calls) do not fit. */
    public boolean overCommitted() {
        return used + holders.size() + reserved > capacity;
    }

    /**
     * KV tokens free after reserving each holder's next token and the unprefilled rest of partly
     * prefilled contexts; unreferenced cached blocks count as free.
     */
    public long freeTokens() {
        long evictable = cache == null ? 0 : cache.evictableTokens();
        return capacity - (used - evictable) - holders.size() - reserved;
    }

    /**
     * The free KV that admitting a waiting call with {@code context} tokens takes: its context
     * plus its next token, less the tokens of its cached blocks that holders already reference.
     */
    public long admissionNeed(KvAllocation a, int context) {
        return a.blocks == null ? context + 1L : context + 1L - a.blocks.sharedTokens(cache, context);
    }

    /**
     * The free KV that admitting a waiting call with {@code context} tokens takes when its steps
     * are chunked: its context plus its next token, less the tokens of the cached blocks it
     * references at once that holders already reference: its leading hits for a prefill (a fresh
     * call or a recompute resume), or the cacheable blocks of its {@code swappedTokens} tokens for
     * a swap resume ({@code swappedTokens} &lt; 0: none). The rest of its context is reserved
     * whole, so blocks it will share later are not counted.
     */
    public long chunkedAdmissionNeed(KvAllocation a, int context, int swappedTokens) {
        if (a.blocks == null) {
            return context + 1L;
        }
        long shared = swappedTokens >= 0 ? a.blocks.sharedTokens(cache, swappedTokens)
                : a.blocks.leadingSharedTokens(cache, context);
        return context + 1L - shared;
    }

    /**
     * The KV that preempting a holder with {@code context} tokens surely gives back: its private
     * tokens plus its next token (its shared blocks may stay referenced by others, or be wanted
     * by the call being admitted, so they are not counted); for a partly prefilled call, whose KV
     * holds less than its context, the reserved rest comes back too.
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
        if (used + holders.size() + reserved > capacity || used < 0 || reserved < 0) {
            throw new InvariantViolation("engine " + engine + " KV " + used + " + " + holders.size()
                    + " next tokens + " + reserved + " reserved exceeds capacity " + capacity);
        }
        long r = 0;
        for (int i = 0, n = holders.size(); i < n; i++) {
            r += holders.get(i).reserved;
        }
        if (r != reserved) {
            throw new InvariantViolation("engine " + engine + " holders reserve " + r + " KV tokens but " + reserved
                    + " are counted");
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

    /** KV tokens kept free for the unprefilled rest of partly prefilled contexts. */
    public long reservedTokens() {
        return reserved;
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
