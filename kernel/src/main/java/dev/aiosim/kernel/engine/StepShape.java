package dev.aiosim.kernel.engine;

/**
 * What one engine step computes, as a cost model needs it.
 *
 * @param prefillTokens prompt tokens prefilled in this step (fresh prompts and recomputed contexts)
 * @param prefillPairs attention (query, key) pairs of those prefills: n(n+1)/2 for a prompt of n
 * @param decodeTokens calls that decode one token in this step
 * @param decodeContextTokens total context length the decoding calls attend over
 * @param samplingCalls calls that sample a token at the end of this step (each decode, and each
 *     prefill that completes its prompt): the rows of the logits an engine computes
 */
public record StepShape(long prefillTokens, long prefillPairs, int decodeTokens, long decodeContextTokens,
                        int samplingCalls) {
    public StepShape {
        if (prefillTokens < 0 || prefillPairs < 0 || decodeTokens < 0 || decodeContextTokens < 0 || samplingCalls < 0) {
            throw new IllegalArgumentException("a step shape counts tokens: every field must be >= 0");
        }
    }

    /**
     * A step whose prefill tokens, if any, belong to one call: every decode samples, and so does
     * that one prefill (hand-written steps in tests and benchmarks).
     */
    public StepShape(long prefillTokens, long prefillPairs, int decodeTokens, long decodeContextTokens) {
        this(prefillTokens, prefillPairs, decodeTokens, decodeContextTokens, decodeTokens + (prefillTokens > 0 ? 1 : 0));
    }

    public long tokens() {
        return prefillTokens + decodeTokens;
    }
}
