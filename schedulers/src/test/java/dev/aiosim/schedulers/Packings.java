package dev.aiosim.schedulers;

import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.packing.StepPacking;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The step packings of the randomised suites: a run's seed picks one of {@link StepPacking#NAMES}
 * in turn, so every policy runs under every packing with both preemption modes without adding runs.
 * Every other seed of a packing gets a small token budget (max-batch to max-batch + 39), which
 * splits even a lone prompt over several steps, the others a budget that holds the largest context
 * of these runs beside a full batch of decodes. The budget comes from its own stream: the rest of a
 * run is drawn as before.
 *
 * <p>With a small budget a run might never end: a policy that preempted a call before its prefill
 * completes would make it start again from zero under recompute, over and over (rr did, with a
 * time quantum shorter than the chunked prefill, until its progress guard). Such runs stop at a
 * horizon ({@link #mayStarve}), so that a policy without such a guard leaves calls unfinished instead
 * of hanging the suite; the others are bound to end, since each of their steps gives some call a
 * token for good.
 */
final class Packings {
    private Packings() {}

    /** Larger than any context of the randomised suites (a session's prompts grow to about 160 tokens). */
    private static final int LARGEST_CONTEXT = 200;

    /** The packing of the run with {@code seed}. */
    static String name(long seed) {
        return StepPacking.NAMES.get((int) (seed % StepPacking.NAMES.size()));
    }

    private static boolean smallBudget(long seed) {
        return seed / StepPacking.NAMES.size() % 2 == 0;
    }

    /** The packing {@code name} for an engine of {@code slots} slots, its budget drawn from {@code seed}. */
    static StepPacking of(String name, int slots, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        int budget = smallBudget(seed) ? slots + rnd.nextInt(40) : slots + LARGEST_CONTEXT + rnd.nextInt(100);
        return StepPacking.of(name, budget);
    }

    /**
     * True when a run may starve a call forever: a chunked packing (vllm-v1, sarathi) whose budget
     * splits a lone prompt. Orca and vllm-v0 always complete a prefill once it is scheduled.
     */
    static boolean mayStarve(String name, long seed) {
        return (name.equals("vllm-v1") || name.equals("sarathi")) && smallBudget(seed);
    }

    /**
     * {@code cost}, counting in {@code seen} the steps that hold a prefill chunk short of its
     * prompt's end: prefill tokens while only the decodes sample ({@code chunk-steps}).
     */
    static CostModel counting(CostModel cost, Map<String, Long> seen) {
        return s -> {
            if (s.prefillTokens() > 0 && s.samplingCalls() == s.decodeTokens()) {
                seen.merge("chunk-steps", 1L, Long::sum);
            }
            return cost.stepNanos(s);
        };
    }
}
