package dev.aiosim.kernel.cache;

/**
 * The KV one call holds on one engine, as its {@link KvManager} keeps it: the context tokens in
 * KV while the call runs and, with a prefix cache and a prefix, the cached blocks it references.
 * A call whose prompt is partly prefilled (chunked prefill) holds the KV of its prefilled tokens
 * only; the manager keeps the rest of its context free for it. The call only carries it; every
 * change goes through the manager that made it.
 */
public final class KvAllocation {
    /** Names the call in messages. */
    private final Object owner;
    /** Null when the engine has no prefix cache or the call no prefix. */
    final BlockTable blocks;
    /** Context tokens in KV; 0 while not held. */
    int tokens;
    /** Tokens of a partly prefilled context not yet in KV, which the manager keeps free for it; 0 otherwise. */
    int reserved;
    /** Position in the manager's holders; -1 while not held. */
    int holderIndex = -1;

    KvAllocation(Object owner, BlockTable blocks) {
        this.owner = owner;
        this.blocks = blocks;
    }

    /** True while the call holds KV (it runs). */
    public boolean held() {
        return holderIndex >= 0;
    }

    /** Context tokens in KV: the call's context while held, else 0. */
    public int tokens() {
        return tokens;
    }

    /** Tokens of its context still to be prefilled, whose KV the manager keeps free for it (0 unless partly prefilled). */
    public int reserved() {
        return reserved;
    }

    /** True when the call's context is looked up in, and shared through, the prefix cache. */
    public boolean cached() {
        return blocks != null;
    }

    /** KV tokens only this call holds: its context less the cached blocks it references. */
    long privateTokens() {
        return blocks == null ? tokens : tokens - blocks.heldTokens();
    }

    @Override
    public String toString() {
        return String.valueOf(owner);
    }
}
