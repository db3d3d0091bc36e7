package dev.aiosim.kernel.scheduler;

/**
 * What a policy may know about one LLM call. All times are virtual nanoseconds. The true output
 * length is only available to policies that declare themselves clairvoyant.
 */
public interface CallView {
    long id();

    long agentPid();

    /** The issuing agent's priority; larger is more important. */
    int priority();

    double weight();

    String group();

    int promptTokens();

    /** Cap on generated tokens, 0 for none. */
    int maxTokens();

    /** Output tokens generated so far. */
    int generatedTokens();

    /** Prompt plus generated tokens: the KV this call holds while running. */
    default int contextTokens() {
        return promptTokens() + generatedTokens();
    }

    long submittedAt();

    /** When the call last entered its engine's queue (submission or preemption). */
    long enqueuedAt();

    /** When the call was last admitted to a slot, or -1 if never. */
    long admittedAt();

    /** Output tokens generated since the last admission. */
    int tokensSinceAdmitted();

    int preemptions();

    /** True once it has been preempted and has a context snapshot to resume from. */
    boolean hasSnapshot();

    /**
     * The true number of tokens this call will generate. Throws unless the engine's policy is
     * clairvoyant: oracle knowledge must be declared, and is labelled in every report.
     */
    int oracleOutputTokens();
}
