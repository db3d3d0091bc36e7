package dev.aiosim.kernel.engine.packing;

/**
 * vLLM V1's scheduler (always chunked prefill): one token budget per step,
 * {@code max_num_batched_tokens}, filled by the running decodes first, then by prefill chunks of
 * the admitted calls, oldest first, each as large as what is left of its prompt and of the
 * budget. A prompt longer than the budget takes several steps and samples its first token at the
 * end of its last chunk.
 *
 * @param maxNumBatchedTokens tokens per step, decodes included (vLLM's default for its OpenAI
 *     server: 8192 on GPUs with 70 GiB or more other than the A100, 2048 otherwise)
 */
public record VllmV1(int maxNumBatchedTokens) implements StepPacking {
    public VllmV1 {
        StepPacking.checkBudget("max-num-batched-tokens", maxNumBatchedTokens);
    }

    @Override
    public String name() {
        return "vllm-v1";
    }

    @Override
    public int tokenBudget() {
        return maxNumBatchedTokens;
    }

    @Override
    public void plan(int[] pending, int n, int[] tokens) {
        TokenBudget.decodesThenChunks(maxNumBatchedTokens, pending, n, tokens);
    }
}
