package dev.aiosim.kernel.engine;

/**
 * What one engine step computes, as a cost model needs it.
 *
 * @param prefillTokens prompt tokens prefilled in this step (fresh prompts and recomputed contexts)
 * @param prefillPairs attention (query, key) pairs of those prefills: n(n+1)/2 for a prompt of n
 * @param decodeTokens calls that decode one token in this step
 * @param decodeContextTokens total context length the decoding calls attend over
 */
public record StepShape(long prefillTokens, long prefillPairs, int decodeTokens, long decodeContextTokens) {
    public long tokens() {
        return prefillTokens + decodeTokens;
    }
}
