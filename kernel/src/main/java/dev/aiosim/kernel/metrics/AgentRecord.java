package dev.aiosim.kernel.metrics;

/**
 * One agent's life, written as a row of {@code agents.csv}.
 *
 * @param pid process id
 * @param name agent name
 * @param priority priority
 * @param weight weight
 * @param arrivalAt arrival time
 * @param finishedAt completion of its last syscall, -1 if unfinished at the horizon
 * @param llmCalls LLM calls submitted
 * @param otherCalls tool, memory and storage calls submitted
 * @param waitingNanos sum of its LLM calls' queueing delays (AIOS "waiting")
 * @param serviceTokens prompt plus generated tokens served to it
 * @param services its use of the memory, storage, access and context-window services, or null
 *     when the run does not report them
 */
public record AgentRecord(long pid, String name, int priority, double weight, long arrivalAt, long finishedAt,
                          int llmCalls, int otherCalls, long waitingNanos, long serviceTokens,
                          AgentServiceCounts services) {
    /** A row without service counts (all zero). */
    public AgentRecord(long pid, String name, int priority, double weight, long arrivalAt, long finishedAt,
                       int llmCalls, int otherCalls, long waitingNanos, long serviceTokens) {
        this(pid, name, priority, weight, arrivalAt, finishedAt, llmCalls, otherCalls, waitingNanos, serviceTokens,
                null);
    }

    public boolean finished() {
        return finishedAt >= 0;
    }

    /** Turnaround = last completion - arrival, -1 if unfinished. */
    public long turnaroundNanos() {
        return finishedAt < 0 ? -1 : finishedAt - arrivalAt;
    }
}
