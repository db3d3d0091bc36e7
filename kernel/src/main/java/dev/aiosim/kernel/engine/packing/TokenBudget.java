package dev.aiosim.kernel.engine.packing;

/** The packing rule chunked prefill shares ({@link VllmV1}, {@link Sarathi}): decodes first, then chunks, under one budget. */
final class TokenBudget {
    private TokenBudget() {}

    /**
     * Fills {@code budget} tokens: one per decoding call in batch order while the budget lasts,
     * then a chunk of each prefilling call in batch order, as large as what is left of its prompt
     * and of the budget. Calls the budget does not reach compute nothing in this step.
     */
    static void decodesThenChunks(int budget, int[] pending, int n, int[] tokens) {
        int left = budget;
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                tokens[i] = left > 0 ? 1 : 0;
                left -= tokens[i];
            }
        }
        for (int i = 0; i < n; i++) {
            if (pending[i] > 0) {
                tokens[i] = Math.min(pending[i], left);
                left -= tokens[i];
            }
        }
    }
}
