package dev.aiosim.kernel.metrics;

/**
 * What one engine did in a run: steps, busy time, prefill work and its prefix cache, written as a
 * row of {@code engines.csv}. The kernel fills it; prefix figures stay 0 when the cache is off.
 *
 * <p>Definitions: a <em>lookup</em> is an admission (fresh or recompute resume) of a call with a
 * prefix; it looks up the call's cacheable blocks (full, named blocks of its context) and hits the
 * leading run of them that is resident. Hit rate = hit tokens / looked-up tokens. Prefill tokens
 * saved = context tokens of looked-up admissions minus the tokens they prefilled (at least one
 * token is always prefilled, for the logits). Swap resumes re-reference their blocks without a
 * lookup; the blocks they miss count as recomputed tokens, not here.
 */
public final class EngineStats {
    private final int engine;
    long steps;
    long busyNanos;
    long prefillTokens;
    long prefillTokensSaved;
    long lookups;
    long lookupBlocks;
    long lookupTokens;
    long hitTokens;
    long evictedBlocks;
    long preemptions;

    public EngineStats(int engine) {
        this.engine = engine;
    }

    /** One step of {@code nanos} that prefilled {@code prefillTokens}. */
    public void step(long nanos, long prefillTokens) {
        steps++;
        busyNanos += nanos;
        this.prefillTokens += prefillTokens;
    }

    /** One prefix lookup at admission. */
    public void lookup(long blocks, long tokens, long hitTokens, long saved) {
        lookups++;
        lookupBlocks += blocks;
        lookupTokens += tokens;
        this.hitTokens += hitTokens;
        prefillTokensSaved += saved;
    }

    public void evicted() {
        evictedBlocks++;
    }

    public void preempted() {
        preemptions++;
    }

    public int engine() { return engine; }
    public long steps() { return steps; }
    public long busyNanos() { return busyNanos; }
    /** Tokens prefilled: fresh prompts, recomputed contexts and re-made evicted blocks. */
    public long prefillTokens() { return prefillTokens; }
    public long prefillTokensSaved() { return prefillTokensSaved; }
    public long lookups() { return lookups; }
    public long lookupBlocks() { return lookupBlocks; }
    public long lookupTokens() { return lookupTokens; }
    public long hitTokens() { return hitTokens; }
    public long evictedBlocks() { return evictedBlocks; }
    public long preemptions() { return preemptions; }

    /** Hit tokens / looked-up tokens; NaN without lookups. */
    public double hitRate() {
        return lookupTokens == 0 ? Double.NaN : hitTokens / (double) lookupTokens;
    }

    /** Busy time over {@code makespanNanos}. */
    public double busyFraction(long makespanNanos) {
        return makespanNanos == 0 ? 0 : busyNanos / (double) makespanNanos;
    }

    /** Adds this engine's counts to {@code total}. */
    public void addTo(EngineStats total) {
        total.steps += steps;
        total.busyNanos += busyNanos;
        total.prefillTokens += prefillTokens;
        total.prefillTokensSaved += prefillTokensSaved;
        total.lookups += lookups;
        total.lookupBlocks += lookupBlocks;
        total.lookupTokens += lookupTokens;
        total.hitTokens += hitTokens;
        total.evictedBlocks += evictedBlocks;
        total.preemptions += preemptions;
    }
}
