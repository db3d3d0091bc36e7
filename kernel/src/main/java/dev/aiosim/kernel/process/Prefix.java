package dev.aiosim.kernel.process;

import java.util.Arrays;

/**
 * How the KV blocks of an LLM call's context are named, so that an engine's prefix cache can
 * reuse blocks that an earlier call already computed (vLLM automatic prefix caching, Mooncake's
 * KVCache-centric store). Two calls whose contexts have a block with the same name share that
 * block's KV content. Only full blocks are cacheable.
 */
public sealed interface Prefix {

    /** Tokens per KV block. */
    int blockTokens();

    /** The name of block {@code k} of the context, or {@code 0} when the block is not named. */
    long blockId(int k);

    /**
     * Blocks of the prompt named by content hashes given with the call, as in the Mooncake trace
     * ({@code hash_ids}: one id per 512-token block of the prompt, the last block possibly partial).
     * Generated tokens are not named.
     *
     * @param blockTokens tokens per block, at least 1
     * @param ids content ids of the prompt's blocks, in order
     */
    record Blocks(int blockTokens, long[] ids) implements Prefix {
        public Blocks {
            if (blockTokens < 1) {
                throw new IllegalArgumentException("blockTokens must be >= 1, got " + blockTokens);
            }
            ids = ids.clone();
        }

        @Override
        public long blockId(int k) {
            return k < ids.length ? ids[k] : 0;
        }

        @Override
        public long[] ids() {
            return ids.clone();
        }

        /** Number of ids without copying them. */
        public int size() {
            return ids.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Blocks b && b.blockTokens == blockTokens && Arrays.equals(b.ids, ids);
        }

        @Override
        public int hashCode() {
            return 31 * blockTokens + Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "Blocks[" + blockTokens + " tokens x " + ids.length + "]";
        }
    }

    /**
     * The call continues a session's context (a multi-round agent or chat, a TraceLab session):
     * block {@code k} of its prompt and of its generated tokens is named by the pair
     * (session, k), so a round reuses what the previous rounds of the same session computed,
     * their outputs included, while it is still cached.
     *
     * @param session session key, unique within a workload
     * @param blockTokens tokens per block, at least 1
     */
    record Session(long session, int blockTokens) implements Prefix {
        public Session {
            if (blockTokens < 1) {
                throw new IllegalArgumentException("blockTokens must be >= 1, got " + blockTokens);
            }
        }

        @Override
        public long blockId(int k) {
            // a 64-bit mix of (session, k); 0 is reserved for "not named"
            long h = session * 0x9E3779B97F4A7C15L + k;
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            h *= 0xC4CEB9FE1A85EC53L;
            h ^= h >>> 33;
            return h == 0 ? 1 : h;
        }
    }
}
