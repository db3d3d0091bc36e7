package dev.aiosim.kernel.core;

import dev.aiosim.kernel.engine.StepShape;

/** What the step being planned computes, summed while the kernel carries out a decision; one per kernel, reused. */
final class StepTally {
    private long prefillTokens;
    private long prefillPairs;
    private int decodeTokens;
    private long decodeContext;
    private int samplingCalls;

    /** A new plan: the {@code decodes} calls running on, attending over {@code context} tokens. */
    StepTally start(int decodes, long context) {
        prefillTokens = 0;
        prefillPairs = 0;
        decodeTokens = decodes;
        decodeContext = context;
        samplingCalls = decodes;
        return this;
    }

    /** A call's prefill of {@code tokens} tokens with {@code pairs} attention (query, key) pairs; the call samples at the step's end. */
    void prefill(long tokens, long pairs) {
        recompute(tokens, pairs);
        samplingCalls++;
    }

    /** Tokens of a call that also decodes in this step (blocks recomputed on a swap-in): no sampling of their own. */
    void recompute(long tokens, long pairs) {
        prefillTokens += tokens;
        prefillPairs += pairs;
    }

    /** A prefill chunk of {@code tokens} tokens with {@code pairs} attention pairs that does not reach the end of its prompt: no sampling. */
    void chunk(long tokens, long pairs) {
        recompute(tokens, pairs);
    }

    /** One more decode over a context of {@code context} tokens. */
    void decode(long context) {
        decodeTokens++;
        decodeContext += context;
        samplingCalls++;
    }

    long prefillTokens() {
        return prefillTokens;
    }

    StepShape shape() {
        return new StepShape(prefillTokens, prefillPairs, decodeTokens, decodeContext, samplingCalls);
    }
}
