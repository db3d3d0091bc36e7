package dev.aiosim.kernel.engine.packing;

import java.util.List;

/**
 * How one engine packs the tokens of its running calls into a step, apart from the policy that
 * chose those calls. Given, in batch order (the order the calls were admitted in), the prompt
 * tokens each running call still has to prefill (0 for a call that decodes), a packing says how
 * many tokens each computes in the next step: 1 for a decode, a chunk of its remaining prefill,
 * or 0 when it waits this step. A call samples its next token at the end of the step only when it
 * decodes or its prefill completes. Pure functions of their input, so runs stay deterministic.
 */
public sealed interface StepPacking permits Orca, VllmV1, VllmV0, Sarathi {
    /** The names {@code cluster.packing} accepts ({@code prefill-first} is an alias of {@code vllm-v0}). */
    List<String> NAMES = List.of("orca", "vllm-v1", "vllm-v0", "sarathi");

    /** The default: whole prompts mixed with every decode, as aiosim always did. */
    StepPacking DEFAULT = new Orca();

    /** The name in {@link #NAMES}. */
    String name();

    /** Tokens one step may compute, decodes included; {@link Integer#MAX_VALUE} when unbounded. */
    int tokenBudget();

    /**
     * True when every admitted call prefills its whole context in the step it is admitted in and
     * every running call decodes in every step ({@link Orca}): the kernel then plans the step as
     * it admits, and no call is ever partly prefilled.
     */
    default boolean prefillsAtAdmission() {
        return false;
    }

    /**
     * Plans one step.
     *
     * @param pending for each of the {@code n} running calls in batch order, the prompt tokens it
     *     still has to prefill; 0 for a call that decodes
     * @param n running calls, at least 1
     * @param tokens receives, for each call, the tokens it computes in the step: 1 for a decode,
     *     1 to {@code pending[i]} for a prefill chunk, 0 when it waits
     */
    void plan(int[] pending, int n, int[] tokens);

    /**
     * The packing named {@code name} with token budget {@code budget} (ignored by orca).
     *
     * @throws IllegalArgumentException for an unknown name or a budget below 1
     */
    static StepPacking of(String name, int budget) {
        return switch (name) {
            case "orca" -> DEFAULT;
            case "vllm-v1" -> new VllmV1(budget);
            case "vllm-v0", "prefill-first" -> new VllmV0(budget);
            case "sarathi" -> new Sarathi(budget);
            default -> throw new IllegalArgumentException("expected one of " + String.join(", ", NAMES)
                    + " (or prefill-first), got '" + name + "'");
        };
    }

    /** Checks a token budget: at least one token per step. */
    static int checkBudget(String what, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException(what + " must be >= 1 token, got " + budget);
        }
        return budget;
    }
}
