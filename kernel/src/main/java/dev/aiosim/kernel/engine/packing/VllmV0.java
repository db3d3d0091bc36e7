package dev.aiosim.kernel.engine.packing;

/**
 * vLLM V0's default scheduler without chunked prefill, as Vidur's {@code vllm} replica scheduler
 * models it: while admitted calls wait for their prefill the step is prefill-only, and every
 * running decode stalls; otherwise the step decodes every running call. A prefill-only step takes
 * whole prompts, oldest first, while they fit in {@code max_num_batched_tokens}; the first prompt
 * always goes, alone if it is longer than the budget (vLLM would refuse such a prompt), and a
 * prompt that does not fit stops the step (first come, first served).
 *
 * @param maxNumBatchedTokens prompt tokens per prefill step
 */
public record VllmV0(int maxNumBatchedTokens) implements StepPacking {
    public VllmV0 {
        StepPacking.checkBudget("max-num-batched-tokens", maxNumBatchedTokens);
    }

    @Override
    public String name() {
        return "vllm-v0";
    }

    @Override
    public int tokenBudget() {
        return maxNumBatchedTokens;
    }

    @Override
    public void plan(int[] pending, int n, int[] tokens) {
        boolean prefills = false;
        for (int i = 0; i < n && !prefills; i++) {
            prefills = pending[i] > 0;
        }
        long left = maxNumBatchedTokens;
        boolean first = true;
        boolean full = false;
        for (int i = 0; i < n; i++) {
            int p = pending[i];
            if (!prefills) {
                tokens[i] = 1;
            } else if (p == 0 || full) {
                tokens[i] = 0;
            } else if (first || p <= left) {
                tokens[i] = p;
                left -= p;
                first = false;
            } else {
                tokens[i] = 0;
                full = true;
            }
        }
    }
}
