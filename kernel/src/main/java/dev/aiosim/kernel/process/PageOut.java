package dev.aiosim.kernel.process;

/**
 * What the kernel does with a program's LLM call whose prompt plus output would exceed the
 * model's context window (MemGPT, Packer et al., 2023: "memory pressure" makes the agent move
 * context out of the window). Declared by the program ({@link Program#pageOut()}).
 *
 * @param mode what to do
 * @param summaryTokens for {@link Mode#SUMMARISE}: the summary's length in tokens, >= 1
 */
public record PageOut(Mode mode, int summaryTokens) {
    /** How an over-long prompt is brought under the window. */
    public enum Mode {
        /** The call fails (rejected) and the program hears so. */
        FAIL,
        /** The oldest prompt tokens are dropped until the call fits. */
        TRUNCATE,
        /**
         * An extra LLM call summarises the oldest tokens into {@code summaryTokens}; the summary is
         * written to the agent's memory; the call then runs on the summary plus the rest.
         */
        SUMMARISE
    }

    /** Over-long calls fail: the default, so nothing silently goes over the window. */
    public static final PageOut FAIL = new PageOut(Mode.FAIL, 1);

    public PageOut {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (summaryTokens < 1) {
            throw new IllegalArgumentException("summaryTokens must be >= 1, got " + summaryTokens);
        }
    }
}
