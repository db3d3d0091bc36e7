package dev.aiosim.kernel.core;

import dev.aiosim.kernel.cache.CachedBlock;
import dev.aiosim.kernel.cache.PrefixCache;
import java.util.IdentityHashMap;

/** The kernel's prefix-cache invariant checks for one engine, run at every scheduled step. */
final class CacheAudit {
    private CacheAudit() {}

    /** The full audit runs when assertions are enabled (tests; {@code AIOSIM_JAVA_OPTS=-ea} for CLI runs). */
    private static final boolean FULL = CacheAudit.class.desiredAssertionStatus();

    /**
     * Prefix-cache invariants, in O(batch) at every step: KV used = private tokens of running
     * calls + tokens of all cached blocks (referenced or not); the reference counts sum to the
     * (running call, referenced block) pairs. With assertions enabled, a full audit also checks
     * that every running call references exactly the cacheable blocks of its context, recounts
     * every block's references from the running calls, that each referenced block is resident
     * and counted once, and that the LRU list holds exactly the unreferenced blocks.
     */
    static void check(Engine e) {
        PrefixCache c = e.cache;
        long own = 0;
        long pairs = 0;
        for (int i = 0, n = e.running.size(); i < n; i++) {
            LlmRequest r = e.running.get(i);
            own += r.privateTokens();
            if (r.blocks != null) {
                pairs += r.blocks.heldBlocks();
            }
        }
        if (own + c.cachedTokens() != e.kvUsed || c.pinnedTokens() < 0 || c.evictableTokens() < 0) {
            throw new InvariantViolation("engine " + e.id + " KV used " + e.kvUsed + " != private " + own + " + cached "
                    + c.cachedTokens() + " (pinned " + c.pinnedTokens() + ", evictable " + c.evictableTokens() + ")");
        }
        if (c.refSum() != pairs) {
            throw new InvariantViolation("engine " + e.id + " prefix cache reference counts sum to " + c.refSum()
                    + " but running calls reference " + pairs + " blocks");
        }
        if (!FULL) {
            return;
        }
        IdentityHashMap<CachedBlock, int[]> refs = new IdentityHashMap<>();
        for (LlmRequest r : e.running) {
            if (r.blocks == null) {
                continue;
            }
            if (r.blocks.heldBlocks() != r.blocks.cacheableBlocks(r.context())) {
                throw new InvariantViolation(r + " references " + r.blocks.heldBlocks() + " blocks but its context has "
                        + r.blocks.cacheableBlocks(r.context()) + " cacheable ones");
            }
            r.blocks.forEachHeld(b -> {
                if (!b.resident()) {
                    throw new InvariantViolation(r + " references evicted " + b);
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
                throw new InvariantViolation("engine " + e.id + " " + b + " is referenced by " + counted + " running calls");
            }
            tokens[0] += b.tokens();
            blocks[0]++;
        });
        if (!refs.isEmpty()) {
            throw new InvariantViolation("engine " + e.id + " running calls reference blocks not in the cache: " + refs.keySet());
        }
        c.forEachEvictable(b -> {
            if (b.refs() != 0 || !b.resident()) {
                throw new InvariantViolation("engine " + e.id + " LRU list holds " + b);
            }
            tokens[1] += b.tokens();
            blocks[0]--;
        });
        if (tokens[0] != c.cachedTokens() || tokens[1] != c.evictableTokens() || blocks[0] != c.blockCount() - c.evictableBlocks()) {
            throw new InvariantViolation("engine " + e.id + " prefix cache books disagree: blocks hold " + tokens[0]
                    + " tokens (counted " + c.cachedTokens() + "), LRU list " + tokens[1] + " (counted "
                    + c.evictableTokens() + ")");
        }
    }

}
