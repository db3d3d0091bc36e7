package dev.aiosim.inference.live;

/**
 * One step a DJL engine of a live run carried out, as measured on its worker: when it began,
 * what the batch changes before the forward cost, the forward's real and CPU time beside the
 * cost model's time for it, its shape, the snapshot bytes its preemptions and resumes moved,
 * and how long the engine waited for it after posting the previous step's end. These are the
 * per-step data a sim-vs-real comparison needs (docs/inference.md, "Per-step records"); the
 * shape columns are those of {@code calibrate --from-timings}.
 *
 * @param engine the kernel's engine id
 * @param step the step's index on its engine, from 0
 * @param startNanos when the worker took the step, ns since the run's engines were made (one clock for all engines)
 * @param opsNanos time spent applying the batch changes (admits, preempts with their swap-outs,
 *     resumes with their swap-ins, releases) before the forward
 * @param forwardNanos the forward's wall time ({@code StepReport.nanos})
 * @param cpuNanos the forward's CPU time on the worker thread, -1 where the JVM cannot tell
 * @param modelNanos the cost model's time for the step (what a simulated run would take)
 * @param prefillTokens tokens prefilled (new prompts and recomputed contexts)
 * @param prefillPairs attention (query, key) pairs of those prefills
 * @param decodeCalls calls that decoded one token
 * @param decodeContextTokens tokens those calls attended over, all together
 * @param samplingCalls calls that sampled a token (every call of the step)
 * @param swapOutBytes KV bytes copied to host memory by the step's preemptions
 * @param swapInBytes KV bytes restored from host memory by the step's resumes
 * @param gapNanos ns from the worker posting the previous step's end to taking this step (the
 *     kernel's turnaround), or -1 when the kernel had no work between them: the first step, or
 *     a step that began after the engine idled (no call running or queued after the previous end)
 */
public record StepRecord(int engine, long step, long startNanos, long opsNanos, long forwardNanos, long cpuNanos,
                         long modelNanos, long prefillTokens, long prefillPairs, long decodeCalls,
                         long decodeContextTokens, long samplingCalls, long swapOutBytes, long swapInBytes,
                         long gapNanos) {
    /** Whether {@link #gapNanos} was measured (the kernel had work between this step and the previous one). */
    public boolean hasGap() {
        return gapNanos >= 0;
    }
}
