package dev.aiosim.inference.engine;

import dev.aiosim.kernel.engine.StepShape;
import java.util.List;

/**
 * What one engine step did: how many tokens it prefilled (fresh prompts and recomputed contexts)
 * and decoded, the token each call in it generated, the calls that generated their last token,
 * and the wall time of the forward.
 *
 * @param prefillTokens tokens of the step's prefill segments
 * @param prefillPairs attention (query, key) pairs of those prefills: for n new tokens after s
 *     cached ones, n s + n (n + 1) / 2
 * @param decodeTokens calls that decoded one token
 * @param decodeContextTokens tokens the decoding calls attend over, all together
 * @param generated the calls of the step in batch order, each with the token it generated
 * @param finished ids of the calls that generated their last token (their KV is freed)
 * @param nanos wall time of the batched forward and its argmax
 * @param cpuNanos CPU time the driving thread spent in it (with one torch thread, the forward's
 *     own cost, unaffected by other processes taking the cores; -1 where the JVM cannot tell)
 * @param prefixReusedTokens context tokens of this step's prefills credited as prefix-cache hits
 *     whose KV came from the engine's prefix store (not in {@code prefillTokens})
 * @param prefixMissedTokens credited tokens that were computed anyway (their blocks were not in the
 *     store; they are in {@code prefillTokens})
 */
public record StepReport(int prefillTokens, long prefillPairs, int decodeTokens, long decodeContextTokens,
                         List<Token> generated, List<Long> finished, long nanos, long cpuNanos,
                         int prefixReusedTokens, int prefixMissedTokens) {
    /** One call's new token. */
    public record Token(long call, int token) {}

    public StepReport {
        generated = List.copyOf(generated);
        finished = List.copyOf(finished);
    }

    /** A step without prefix sharing. */
    public StepReport(int prefillTokens, long prefillPairs, int decodeTokens, long decodeContextTokens,
                      List<Token> generated, List<Long> finished, long nanos, long cpuNanos) {
        this(prefillTokens, prefillPairs, decodeTokens, decodeContextTokens, generated, finished, nanos, cpuNanos, 0, 0);
    }

    /** What the step computed, in the kernel's terms (every call of the step samples a token). */
    public StepShape shape() {
        return new StepShape(prefillTokens, prefillPairs, decodeTokens, decodeContextTokens, generated.size());
    }
}
