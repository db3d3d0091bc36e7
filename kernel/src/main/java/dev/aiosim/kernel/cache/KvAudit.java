package dev.aiosim.kernel.cache;

import dev.aiosim.kernel.InvariantViolation;
import java.util.IdentityHashMap;
import java.util.List;

/** The prefix-cache invariant checks of one {@link KvManager}, run at every scheduled step. */
final class KvAudit {
    private KvAudit() {}

    /** The full audit runs when assertions are enabled (tests; {@code AIOSIM_JAVA_OPTS=-ea} for CLI runs). */
    private static final boolean FULL = KvAudit.class.desiredAssertionStatus();

    /**
     * Prefix-cache invariants, in O(holders) at every step: KV used = private tokens of the
     * holders + tokens of all cached blocks (referenced or not); the holders' context tokens sum
     * to the counted ones; the reference counts sum to the (holder, referenced block) pairs. With
     * assertions enabled, a full audit also checks that every holder references exactly the
     * cacheable blocks of its context, recounts every block's references from the holders, that
     * each referenced block is resident and counted once, and that the LRU list holds exactly the
     * unreferenced blocks.
     */
    static void check(int engine, long used, long contextTokens, PrefixCache c, List<KvAllocation> holders) {
        long own = 0;
        long context = 0;
        long pairs = 0;
        for (int i = 0, n = holders.size(); i < n; i++) {
            KvAllocation a = holders.get(i);
            own += a.privateTokens();
            context += a.tokens;
            if (a.blocks != null) {
                pairs += a.blocks.heldBlocks();
            }
        }
        if (own + c.cachedTokens() != used || c.pinnedTokens() < 0 || c.evictableTokens() < 0) {
            throw new InvariantViolation("engine " + engine + " KV used " + used + " != private " + own + " + cached "
                    + c.cachedTokens() + " (pinned " + c.pinnedTokens() + ", evictable " + c.evictableTokens() + ")");
        }
        if (context != contextTokens) {
            throw new InvariantViolation("engine " + engine + " running calls have " + context
                    + " context tokens in KV but " + contextTokens + " are counted");
        }
        if (c.refSum() != pairs) {
            throw new InvariantViolation("engine " + engine + " prefix cache reference counts sum to " + c.refSum()
                    + " but running calls reference " + pairs + " blocks");
        }
        if (FULL) {
            recount(engine, c, holders);
        }
    }

    private static void recount(int engine, PrefixCache c, List<KvAllocation> holders) {
        IdentityHashMap<CachedBlock, int[]> refs = new IdentityHashMap<>();
        for (KvAllocation a : holders) {
            if (a.blocks == null) {
                continue;
            }
            if (a.blocks.heldBlocks() != a.blocks.cacheableBlocks(a.tokens)) {
                throw new InvariantViolation(a + " references " + a.blocks.heldBlocks() + " blocks but its context has "
                        + a.blocks.cacheableBlocks(a.tokens) + " cacheable ones");
            }
            a.blocks.forEachHeld(b -> {
                if (!b.resident()) {
                    throw new InvariantViolation(a + " references evicted " + b);
                }
                refs.computeIfAbsent(b, k -> new int[1])[0]++;
            });
        }
        long[] tokens = {0, 0};
        int[] blocks = {0};
        c.forEachBlock(b -> {
            int[] n = refs.remove(b);
            int counted = n == null ? 0 : n[0];
            if (counted != b.refs()) {
                throw new InvariantViolation("engine " + engine + " " + b + " is referenced by " + counted + " running calls");
            }
            tokens[0] += b.tokens();
            blocks[0]++;
        });
        if (!refs.isEmpty()) {
            throw new InvariantViolation("engine " + engine + " running calls reference blocks not in the cache: " + refs.keySet());
        }
        c.forEachEvictable(b -> {
            if (b.refs() != 0 || !b.resident()) {
                throw new InvariantViolation("engine " + engine + " LRU list holds " + b);
            }
            tokens[1] += b.tokens();
            blocks[0]--;
        });
        if (tokens[0] != c.cachedTokens() || tokens[1] != c.evictableTokens() || blocks[0] != c.blockCount() - c.evictableBlocks()) {
            throw new InvariantViolation("engine " + engine + " prefix cache books disagree: blocks hold " + tokens[0]
                    + " tokens (counted " + c.cachedTokens() + "), LRU list " + tokens[1] + " (counted "
                    + c.evictableTokens() + ")");
        }
    }
}
