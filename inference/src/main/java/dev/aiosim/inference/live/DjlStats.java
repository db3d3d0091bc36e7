package dev.aiosim.inference.live;

import dev.aiosim.inference.engine.StepReport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the DJL engines of a live run did, all engines together: steps, their real forward time
 * beside the cost model's time for the same steps, tokens prefilled and decoded, snapshots, and
 * batch mismatches (steps where a call's token count on the engine differed from the kernel's;
 * 0 in a correct run), the time spent on batch changes before the forwards, the snapshot bytes
 * moved, and the kernel's turnaround between steps (the dispatch gaps of {@link StepRecord}).
 * Updated by the workers, read at any time.
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
    private final AtomicLong opsNanos = new AtomicLong();
    private final AtomicLong gapNanos = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong swapOutBytes = new AtomicLong();
    private final AtomicLong swapInBytes = new AtomicLong();

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

    void around(long opsNanos, long gapNanos, long swapOutBytes, long swapInBytes) {
        this.opsNanos.addAndGet(opsNanos);
        if (gapNanos >= 0) {
            this.gapNanos.addAndGet(gapNanos);
            gaps.incrementAndGet();
        }
        this.swapOutBytes.addAndGet(swapOutBytes);
        this.swapInBytes.addAndGet(swapInBytes);
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
    /** Time spent applying batch changes (admits, preempts, resumes, releases) before the forwards. */
    public long opsNanos() { return opsNanos.get(); }
    /** Sum of the measured dispatch gaps ({@link StepRecord#gapNanos}). */
    public long gapNanos() { return gapNanos.get(); }
    /** Steps with a measured dispatch gap. */
    public long gaps() { return gaps.get(); }
    public long swapOutBytes() { return swapOutBytes.get(); }
    public long swapInBytes() { return swapInBytes.get(); }

    /** Mean time of batch changes per step, ns (0 before the first step). */
    public double meanOpsNanos() {
        long n = steps();
        return n == 0 ? 0 : opsNanos() / (double) n;
    }

    /** Mean dispatch gap (the kernel's turnaround per step), ns; NaN when none was measured. */
    public double meanGapNanos() {
        long n = gaps();
        return n == 0 ? Double.NaN : gapNanos() / (double) n;
    }
}
