package dev.aiosim.kernel.cache;

import dev.aiosim.kernel.process.Prefix;
import java.util.Arrays;

/**
 * The cached blocks one call references, by block position in its context (vLLM's block table,
 * reduced to what accounting needs). While the call runs it references exactly the <em>cacheable
 * blocks</em> of its context: the full blocks its {@link Prefix} names (for {@link Prefix.Blocks}
 * the prompt's full blocks with a non-zero id; for {@link Prefix.Session} every full block of
 * prompt and generated tokens). The rest of its context is <em>private</em> KV:
 * {@code private = context - referenced blocks x blockTokens}. When it stops running (completes or
 * is preempted) it releases them all and references nothing.
 *
 * <p>Admission happens in two halves so that the {@link KvManager} can make room in between:
 * {@link #admit} references what is resident and reports what is missing; after it has
 * evicted enough, {@link #insertMissing} stores the missing blocks.
 */
public final class BlockTable {
    private final Prefix prefix;
    private final int blockTokens;
    private final int promptTokens;
    private CachedBlock[] held = new CachedBlock[8];
    private int positions;
    private int heldCount;
    private int[] missing = new int[8];
    private int missingCount;

    public BlockTable(Prefix prefix, int promptTokens) {
        this.prefix = prefix;
        this.blockTokens = prefix.blockTokens();
        this.promptTokens = promptTokens;
    }

    public int blockTokens() {
        return blockTokens;
    }

    /**
     * Block positions that can be named for a context of {@code context} tokens: its full blocks,
     * within the prompt for {@link Prefix.Blocks} (a partly prefilled prompt has fewer).
     */
    private int positionsFor(int context) {
        if (prefix instanceof Prefix.Blocks b) {
            return Math.min(b.size(), Math.min(promptTokens, context) / blockTokens);
        }
        return context / blockTokens;
    }

    /**
     * Tokens of the leading resident blocks of a context of {@code context} tokens: the prefix-cache
     * hits a lookup admission would find, found without referencing anything.
     */
    public int leadingHitTokens(PrefixCache cache, int context) {
        int n = positionsFor(context);
        int k = 0;
        while (k < n && hit(cache, k) != null) {
            k++;
        }
        return k * blockTokens;
    }

    /** Tokens of the leading hits of a context of {@code context} tokens that running calls already reference. */
    public long leadingSharedTokens(PrefixCache cache, int context) {
        int n = positionsFor(context);
        long t = 0;
        for (int k = 0; k < n; k++) {
            CachedBlock b = hit(cache, k);
            if (b == null) {
                break;
            }
            if (b.refs > 0) {
                t += blockTokens;
            }
        }
        return t;
    }

    /** The resident block named at position {@code k}, or null (also for an unnamed position). */
    private CachedBlock hit(PrefixCache cache, int k) {
        long id = prefix.blockId(k);
        return id == 0 ? null : cache.find(id, blockTokens);
    }

    /** Cacheable blocks of a context of {@code context} tokens. */
    public int cacheableBlocks(int context) {
        int n = positionsFor(context);
        if (prefix instanceof Prefix.Session) {
            return n;
        }
        int c = 0;
        for (int k = 0; k < n; k++) {
            if (prefix.blockId(k) != 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * Tokens of this call's cacheable blocks that are resident and referenced by running calls now:
     * admitting the call takes no new KV for them. Each position counts, so a name repeated within
     * the context is counted once per position (an over-estimate of the call's need, never under).
     */
    public long sharedTokens(PrefixCache cache, int context) {
        int n = positionsFor(context);
        long t = 0;
        for (int k = 0; k < n; k++) {
            long id = prefix.blockId(k);
            if (id != 0) {
                CachedBlock b = cache.find(id, blockTokens);
                if (b != null && b.refs > 0) {
                    t += blockTokens;
                }
            }
        }
        return t;
    }

    /**
     * Outcome of the first half of an admission: leading hits, resident blocks (hits included) and
     * missing blocks of {@code blockTokens} tokens each, and the attention pairs of prefilling the
     * missing blocks.
     */
    public record Admission(int blockTokens, int hitBlocks, int residentBlocks, int missingBlocks, long missingPrefillPairs) {
        /** Tokens of the leading resident blocks: their KV needs no prefill. */
        public long hitTokens() {
            return (long) hitBlocks * blockTokens;
        }

        /** Tokens of the resident blocks, hits included. */
        public long residentTokens() {
            return (long) residentBlocks * blockTokens;
        }

        /** Tokens of the cacheable blocks that were not resident. */
        public long missingTokens() {
            return (long) missingBlocks * blockTokens;
        }

        /** Tokens a lookup admission of a {@code context}-token context prefills: all but the hits, at least one (for the logits). */
        public long prefillTokens(int context) {
            return Math.max(1, context - hitTokens());
        }
    }

    /**
     * References the resident cacheable blocks of a context of {@code context} tokens and notes the
     * missing ones. With {@code leading}, it first walks the context's blocks from the start and
     * counts the consecutive resident ones as hits (their tokens need no prefill); without it (a
     * swap resume) no block is a hit, resident blocks are simply referenced again.
     */
    public Admission admit(PrefixCache cache, int context, boolean leading) {
        if (heldCount != 0) {
            throw new IllegalStateException("admitted while still holding " + heldCount + " blocks");
        }
        int n = positionsFor(context);
        ensure(n);
        positions = n;
        missingCount = 0;
        int k = 0;
        int hits = 0;
        if (leading) {
            for (; k < n; k++) {
                long id = prefix.blockId(k);
                CachedBlock b = id == 0 ? null : cache.find(id, blockTokens);
                if (b == null) {
                    break;
                }
                cache.pin(b);
                held[k] = b;
                heldCount++;
            }
            hits = k;
        }
        int resident = hits;
        long pairs = 0;
        for (; k < n; k++) {
            long id = prefix.blockId(k);
            if (id == 0) {
                continue;
            }
            CachedBlock b = cache.find(id, blockTokens);
            if (b != null) {
                cache.pin(b);
                held[k] = b;
                heldCount++;
                resident++;
            } else {
                if (missingCount == missing.length) {
                    missing = Arrays.copyOf(missing, missingCount * 2);
                }
                missing[missingCount++] = k;
                long start = (long) k * blockTokens;
                pairs += blockTokens * start + (long) blockTokens * (blockTokens + 1) / 2;
            }
        }
        return new Admission(blockTokens, hits, resident, missingCount, pairs);
    }

    /**
     * Second half of an admission: stores the blocks {@link #admit} found missing. Returns the
     * tokens that needed no new KV after all (a name repeated within the context).
     */
    public int insertMissing(PrefixCache cache) {
        int dup = 0;
        for (int i = 0; i < missingCount; i++) {
            int k = missing[i];
            long id = prefix.blockId(k);
            CachedBlock b = cache.find(id, blockTokens);
            if (b != null) {
                cache.pin(b);
                dup += blockTokens;
            } else {
                b = cache.insert(id, blockTokens);
            }
            held[k] = b;
            heldCount++;
        }
        missingCount = 0;
        return dup;
    }

    /**
     * The running call's context grew to {@code context} tokens: references the blocks that just
     * became full and named (a session's generated tokens). Returns the private tokens that now
     * live in an already resident block and free their own KV.
     */
    public int grow(PrefixCache cache, int context) {
        int n = positionsFor(context);
        int freed = 0;
        if (n > positions) {
            ensure(n);
            for (int k = positions; k < n; k++) {
                long id = prefix.blockId(k);
                if (id == 0) {
                    continue;
                }
                CachedBlock b = cache.find(id, blockTokens);
                if (b != null) {
                    cache.pin(b);
                    freed += blockTokens;
                } else {
                    b = cache.insert(id, blockTokens);
                }
                held[k] = b;
                heldCount++;
            }
            positions = n;
        }
        return freed;
    }

    /** Releases every referenced block, last position first; the call then references nothing. */
    public void releaseAll(PrefixCache cache) {
        for (int k = positions - 1; k >= 0; k--) {
            CachedBlock b = held[k];
            if (b != null) {
                cache.release(b);
                held[k] = null;
            }
        }
        heldCount = 0;
        positions = 0;
    }

    /** Referenced blocks. */
    public int heldBlocks() {
        return heldCount;
    }

    /** Tokens in referenced blocks. */
    public long heldTokens() {
        return (long) heldCount * blockTokens;
    }

    /** The referenced blocks, by position (for audits). */
    public void forEachHeld(java.util.function.Consumer<CachedBlock> action) {
        for (int k = 0; k < positions; k++) {
            if (held[k] != null) {
                action.accept(held[k]);
            }
        }
    }

    private void ensure(int n) {
        if (n > held.length) {
            held = Arrays.copyOf(held, Math.max(n, held.length * 2));
        }
    }
}
