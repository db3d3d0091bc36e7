package dev.aiosim.kernel.metrics;

import dev.aiosim.kernel.time.Nanos;

/**
 * One LLM call's life, written as a row of {@code calls.csv}. Times are virtual nanoseconds;
 * -1 means "did not happen".
 *
 * @param callId call id, unique in a run, in submission order
 * @param agentPid issuing agent
 * @param priority the agent's priority
 * @param engine engine it was dispatched to, -1 if rejected
 * @param promptTokens prompt length
 * @param outputTokens tokens the call asked for (true length, cut at max tokens)
 * @param generatedTokens tokens actually generated
 * @param status how it ended
 * @param submittedAt submission time
 * @param firstAdmittedAt first admission to a slot
 * @param firstTokenAt first output token
 * @param completedAt last output token
 * @param preemptions times preempted
 * @param swappedOutBytes KV bytes swapped out
 * @param swappedInBytes KV bytes swapped in
 * @param recomputedTokens context tokens prefilled again after recompute preemptions
 * @param maxTbtNanos largest gap between two output tokens (0 with fewer than two)
 * @param prefixHitTokens context tokens found in the engine's prefix cache at its admissions
 *     (fresh and recompute resumes), summed; 0 when the cache is off or the call has no prefix
 */
public record CallRecord(long callId, long agentPid, int priority, int engine, int promptTokens, int outputTokens,
                         int generatedTokens, CallStatus status, long submittedAt, long firstAdmittedAt,
                         long firstTokenAt, long completedAt, int preemptions, long swappedOutBytes,
                         long swappedInBytes, long recomputedTokens, long maxTbtNanos, long prefixHitTokens) {

    /** Queueing delay = first admitted - submitted (AIOS "waiting"), -1 if never admitted. */
    public long queueingNanos() {
        return firstAdmittedAt < 0 ? -1 : firstAdmittedAt - submittedAt;
    }

    /** TTFT = first token - submitted, -1 if none. */
    public long ttftNanos() {
        return firstTokenAt < 0 ? -1 : firstTokenAt - submittedAt;
    }

    /** E2E = completion - submitted (AIOS "turnaround"), -1 if not completed. */
    public long e2eNanos() {
        return completedAt < 0 ? -1 : completedAt - submittedAt;
    }

    public static long us(long nanos) {
        return nanos < 0 ? -1 : Nanos.toMicros(nanos);
    }
}
