package dev.aiosim.inference.engine;

import java.util.List;

/**
 * What one engine step did: how many tokens it prefilled (fresh prompts and recomputed contexts)
 * and decoded, the token each call in it generated, the calls that generated their last token,
 * and the wall time of the forward.
 *
 * @param prefillTokens tokens of the step's prefill segments
 * @param decodeTokens calls that decoded one token
 * @param generated the calls of the step in batch order, each with the token it generated
 * @param finished ids of the calls that generated their last token (their KV is freed)
 * @param nanos wall time of the batched forward and its argmax
 */
public record StepReport(int prefillTokens, int decodeTokens, List<Token> generated, List<Long> finished, long nanos) {
    /** One call's new token. */
    public record Token(long call, int token) {}

    public StepReport {
        generated = List.copyOf(generated);
        finished = List.copyOf(finished);
    }
}
