package dev.aiosim.inference.engine;

import dev.aiosim.kernel.process.Prefix;

/**
 * The token ids of a call's prompt. Workloads give lengths, not text, so the ids are derived
 * deterministically: a token in a named prefix block (see {@link Prefix}) is a hash of the
 * block's name and its offset in the block, so two calls sharing a block feed the model the same
 * ids there; any other token is a hash of the call id and its position.
 */
public final class PromptTokens {
    private PromptTokens() {}

    /**
     * @param callId the call's id
     * @param prefix how its blocks are named, or null
     * @param promptTokens prompt length, at least 1
     * @param vocab vocabulary size, at least 2
     */
    public static int[] of(long callId, Prefix prefix, int promptTokens, int vocab) {
        if (promptTokens < 1 || vocab < 2) {
            throw new IllegalArgumentException("prompt tokens must be >= 1 and vocab >= 2, got " + promptTokens + ", " + vocab);
        }
        int[] t = new int[promptTokens];
        for (int i = 0; i < promptTokens; i++) {
            long block = prefix == null ? 0 : prefix.blockId(i / prefix.blockTokens());
            long h = block != 0 ? mix(block, i % prefix.blockTokens()) : mix(~callId, i);
            t[i] = (int) Long.remainderUnsigned(h, vocab);
        }
        return t;
    }

    /** SplitMix64's finaliser over (a, b); also keys {@link PrefixBlockStore}'s blocks. */
    static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 30;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 27;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
