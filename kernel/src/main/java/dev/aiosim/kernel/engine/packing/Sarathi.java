package dev.aiosim.kernel.engine.packing;

/**
 * Sarathi-Serve's stall-free batching (Agrawal et al., "Taming Throughput-Latency Tradeoff in LLM
 * Inference with Sarathi-Serve", OSDI 2024, §4): a fixed token budget per step, the chunk size,
 * shared by the running decodes, which go first ("piggybacked"), and prefill chunks of the
 * admitted calls, oldest first. Its packing rule is the one {@link VllmV1} follows; what differs
 * is the budget, chosen small (the paper's 512 for strict latency targets) so that decodes never
 * wait behind a long prefill.
 *
 * @param chunkSize tokens per step, decodes included
 */
public record Sarathi(int chunkSize) implements StepPacking {
    public Sarathi {
        StepPacking.checkBudget("chunk-size", chunkSize);
    }

    @Override
    public String name() {
        return "sarathi";
    }

    @Override
    public int tokenBudget() {
        return chunkSize;
    }

    @Override
    public void plan(int[] pending, int n, int[] tokens) {
        TokenBudget.decodesThenChunks(chunkSize, pending, n, tokens);
    }
}
