package dev.aiosim.inference.live;

import dev.aiosim.inference.engine.StepReport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the DJL engines of a live run did, all engines together: steps, their real forward time
 * beside the cost model's time for the same steps, tokens prefilled and decoded, snapshots, and
 * batch mismatches (steps where a call's token count on the engine differed from the kernel's;
 * 0 in a correct run). Updated by the workers, read at any time.
 */
public final class DjlStats {
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong realNanos = new AtomicLong();
    private final AtomicLong modelNanos = new AtomicLong();
    private final AtomicLong prefillTokens = new AtomicLong();
    private final AtomicLong decodeTokens = new AtomicLong();
    private final AtomicLong prefixReusedTokens = new AtomicLong();
    private final AtomicLong prefixMissedTokens = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong recomputes = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();

    void step(StepReport r, long modelNanos, int mismatches) {
        steps.incrementAndGet();
        realNanos.addAndGet(r.nanos());
        this.modelNanos.addAndGet(modelNanos);
        prefillTokens.addAndGet(r.prefillTokens());
        decodeTokens.addAndGet(r.decodeTokens());
        tokens.addAndGet(r.generated().size());
        this.mismatches.addAndGet(mismatches);
        prefixReusedTokens.addAndGet(r.prefixReusedTokens());
        prefixMissedTokens.addAndGet(r.prefixMissedTokens());
    }

    void preempted(boolean swapped) {
        (swapped ? swaps : recomputes).incrementAndGet();
    }

    public long steps() { return steps.get(); }
    public long realNanos() { return realNanos.get(); }
    public long modelNanos() { return modelNanos.get(); }
    public long prefillTokens() { return prefillTokens.get(); }
    public long decodeTokens() { return decodeTokens.get(); }
    /** Prefix-cache hit tokens whose KV came from an engine's prefix store (not prefilled). */
    public long prefixReusedTokens() { return prefixReusedTokens.get(); }
    /** Prefix-cache hit tokens prefilled anyway: their blocks were not in the engine's store. */
    public long prefixMissedTokens() { return prefixMissedTokens.get(); }
    /** Tokens generated, one per call per step. */
    public long tokens() { return tokens.get(); }
    public long swaps() { return swaps.get(); }
    public long recomputes() { return recomputes.get(); }
    public long mismatches() { return mismatches.get(); }
}
