package dev.aiosim.kernel.memory;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.PageOut;

/**
 * A model's context window (its maximum context length from the catalog) and what happens to a
 * call that would exceed it (MemGPT, Packer et al., 2023). A call fits when prompt + tokens to
 * generate &lt;= the window. Otherwise, per the program's {@link PageOut}: fail; truncate the prompt
 * to {@code room} = window - tokens to generate; or summarise: an extra LLM call reads the oldest
 * x = prompt - room + s tokens and writes an s-token summary (s = the summary size), the summary is
 * written to the agent's memory (item {@value #SUMMARY_ITEM}, s x {@link MemoryCall#BYTES_PER_TOKEN}
 * bytes), and the call runs on the summary plus the newest tokens: exactly {@code room} tokens.
 * The summary call keeps the call's prefix (it reads the same oldest tokens); the shortened call
 * drops it (its blocks' content changed). A call that cannot fit even so fails with a reason:
 * nothing goes over the window.
 */
public final class ContextWindow {
    /** The memory item a summary is written to. */
    public static final String SUMMARY_ITEM = "context-summary";

    private final long maxTokens;

    /** @param maxTokens the window in tokens, 0 for none (every call fits) */
    public ContextWindow(long maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0 (0 = none), got " + maxTokens);
        }
        this.maxTokens = maxTokens;
    }

    public long maxTokens() {
        return maxTokens;
    }

    /** How an over-long call is brought under the window. */
    public sealed interface Fit {}

    /** The prompt cut to {@code call}'s, {@code droppedTokens} fewer. */
    public record Truncated(LlmCall call, int droppedTokens) implements Fit {}

    /** First {@code summary}, then {@code save} to memory, then {@code call}. */
    public record Summarised(LlmCall summary, MemoryCall save, LlmCall call) implements Fit {}

    /** Cannot fit: why. */
    public record TooLong(String reason) implements Fit {}

    /**
     * @return {@code null} when the call fits as it is, else how it is paged out (or why it cannot be)
     */
    public Fit fit(LlmCall c, PageOut pageOut) {
        int gen = c.tokensToGenerate();
        if (maxTokens == 0 || (long) c.promptTokens() + gen <= maxTokens) {
            return null;
        }
        long room = maxTokens - gen;
        String over = c.promptTokens() + " prompt + " + gen + " output tokens exceed the " + maxTokens + "-token context window";
        if (room < 1) {
            return new TooLong(over + ", and the output alone leaves no room for a prompt");
        }
        return switch (pageOut.mode()) {
            case FAIL -> new TooLong(over + " (page-out: fail)");
            case TRUNCATE -> new Truncated(new LlmCall((int) room, c.outputTokens(), c.maxTokens(), null),
                    (int) (c.promptTokens() - room));
            case SUMMARISE -> {
                int s = pageOut.summaryTokens();
                long x = c.promptTokens() - room + s;
                if (s >= room || x + s > maxTokens) {
                    yield new TooLong(over + ", and a " + s + "-token summary of the oldest " + x
                            + " tokens cannot bring it under (page-out: summarise)");
                }
                yield new Summarised(new LlmCall((int) x, s, 0, c.prefix()),
                        MemoryCall.own("write", SUMMARY_ITEM, (long) s * MemoryCall.BYTES_PER_TOKEN),
                        new LlmCall((int) room, c.outputTokens(), c.maxTokens(), null));
            }
        };
    }
}
