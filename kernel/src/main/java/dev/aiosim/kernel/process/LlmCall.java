package dev.aiosim.kernel.process;

/**
 * An LLM inference request. {@code outputTokens} is the true number of tokens the model will
 * generate: the kernel uses it to know when the call ends, but non-clairvoyant policies never
 * see it. {@code maxTokens} (0 = none) caps generation as a serving API would.
 *
 * @param promptTokens tokens in the prompt, at least 1
 * @param outputTokens true output length, at least 1
 * @param maxTokens cap on generated tokens, 0 for none
 * @param prefix how the context's KV blocks are named for prefix caching, or {@code null} when
 *     the call shares nothing with other calls
 */
public record LlmCall(int promptTokens, int outputTokens, int maxTokens, Prefix prefix) implements Syscall {
    public LlmCall {
        if (promptTokens < 1) {
            throw new IllegalArgumentException("promptTokens must be >= 1, got " + promptTokens);
        }
        if (outputTokens < 1) {
            throw new IllegalArgumentException("outputTokens must be >= 1, got " + outputTokens);
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, got " + maxTokens);
        }
    }

    public LlmCall(int promptTokens, int outputTokens, int maxTokens) {
        this(promptTokens, outputTokens, maxTokens, null);
    }

    public LlmCall(int promptTokens, int outputTokens) {
        this(promptTokens, outputTokens, 0, null);
    }

    /** Tokens that will actually be generated: the true length, cut at {@code maxTokens}. */
    public int tokensToGenerate() {
        return maxTokens == 0 ? outputTokens : Math.min(outputTokens, maxTokens);
    }
}
