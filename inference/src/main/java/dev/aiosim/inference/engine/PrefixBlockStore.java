package dev.aiosim.inference.engine;

import dev.aiosim.kernel.process.Prefix;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An engine's store of the KV of named prompt blocks, so that a call whose leading blocks the
 * kernel's prefix cache credits as hits gets their KV from here instead of prefilling them (vLLM's
 * automatic prefix caching, Kwon et al., SOSP 2023; Mooncake's KVCache-centric store, Qin et al.,
 * FAST 2025). Blocks are host arrays, per layer the block's keys ({@code kvHeads x headDim x B})
 * and values ({@code kvHeads x B x headDim}), within a byte budget; the least recently used block
 * is evicted first.
 *
 * <p>A block's KV depends on every token before it, so a block is stored and found under a
 * {@link Key} that chains its name with the names of all the blocks before it and its index: a
 * block is reused only after the same named blocks at the same positions, which is what makes its
 * KV valid. For Mooncake's chained hash ids and for sessions this is the block's name alone (a
 * name implies the blocks before it); for a workload whose ids are not chained it is stricter.
 * Only leading full blocks of the prompt with a non-zero name are keys: their token ids are
 * derived from the names ({@link PromptTokens}); the KV of generated tokens is never stored.
 */
final class PrefixBlockStore {
    /**
     * Where a block is found.
     *
     * @param index the block's index in the context (its positions, hence its rotary phases)
     * @param name the block's name
     * @param chain a hash of the names of blocks {@code 0..index}
     */
    record Key(int index, long name, long chain) {}

    /** One block's KV on the host, per layer; {@code bytes} as the model counts KV. */
    record Block(float[][] keys, float[][] values, long bytes) {}

    private final long budget;
    private final Map<Key, Block> blocks = new LinkedHashMap<>(64, 0.75f, true);
    private long used;
    private long stored;
    private long evicted;

    /** @param budgetBytes host bytes for stored blocks, at least 0 (0: nothing is stored) */
    PrefixBlockStore(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("prefix store bytes must be >= 0, got " + budgetBytes);
        }
        this.budget = budgetBytes;
    }

    /**
     * The keys of a prompt's leading full blocks with names: none when {@code prefix} is null; it
     * stops at the first block that is partial or has no name (name 0).
     */
    static Key[] keys(Prefix prefix, int promptTokens) {
        if (prefix == null) {
            return new Key[0];
        }
        int b = prefix.blockTokens();
        int full = promptTokens / b;
        int n = 0;
        while (n < full && prefix.blockId(n) != 0) {
            n++;
        }
        Key[] keys = new Key[n];
        long chain = 0x2545F4914F6CDD1DL;
        for (int k = 0; k < n; k++) {
            long name = prefix.blockId(k);
            chain = PromptTokens.mix(chain, name);
            keys[k] = new Key(k, name, chain);
        }
        return keys;
    }

    /** The block stored under {@code key} (now the most recently used), or null. */
    Block get(Key key) {
        return blocks.get(key);
    }

    /** Whether a block of {@code bytes} would be stored now (the budget holds it and the key is new). */
    boolean wants(Key key, long bytes) {
        return bytes <= budget && !blocks.containsKey(key);
    }

    boolean contains(Key key) {
        return blocks.containsKey(key);
    }

    /** Stores a block, evicting the least recently used ones as the budget needs; a block larger than the budget is not stored. */
    void put(Key key, Block block) {
        if (block.bytes() > budget || blocks.containsKey(key)) {
            return;
        }
        for (Iterator<Block> it = blocks.values().iterator(); used + block.bytes() > budget && it.hasNext(); ) {
            used -= it.next().bytes();
            it.remove();
            evicted++;
        }
        blocks.put(key, block);
        used += block.bytes();
        stored++;
    }

    /** Bytes held now. */
    long usedBytes() {
        return used;
    }

    /** Blocks held now. */
    int size() {
        return blocks.size();
    }

    /** Blocks stored since the start. */
    long stored() {
        return stored;
    }

    /** Blocks evicted since the start. */
    long evicted() {
        return evicted;
    }

}
