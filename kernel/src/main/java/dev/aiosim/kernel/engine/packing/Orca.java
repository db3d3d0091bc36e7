package dev.aiosim.kernel.engine.packing;

/**
 * Iteration-level batching as Orca introduced it (Yu et al., "Orca: A Distributed Serving System
 * for Transformer-Based Generative Models", OSDI 2022), without a token budget: every admitted
 * call prefills its whole prompt in the step it is admitted in, mixed with one decode token of
 * every running call, so decodes never wait for prefills. aiosim's default; no call is ever
 * partly prefilled.
 */
public record Orca() implements StepPacking {
    @Override
    public String name() {
        return "orca";
    }

    @Override
    public int tokenBudget() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean prefillsAtAdmission() {
        return true;
    }

    @Override
    public void plan(int[] pending, int n, int[] tokens) {
        for (int i = 0; i < n; i++) {
            tokens[i] = pending[i] > 0 ? pending[i] : 1;
        }
    }
}
