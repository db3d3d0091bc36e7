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

    // ---- program-level facts (Autellix, Luo et al. 2025): kept by the kernel per agent, across all engines.
    // Defaults say "unknown" so that views written before them (plug-ins, benchmarks) still compile.

    /**
     * Engine time, in nanoseconds, that the issuing agent's completed LLM calls spent in a slot, on
     * every engine (Autellix's program-level attained service). This call's own progress is not in it.
     */
    default long agentServiceNanos() {
        return 0;
    }

    /** Prompt plus generated tokens of the issuing agent's completed LLM calls, on every engine. */
    default long agentServiceTokens() {
        return 0;
    }

    /** Time, in nanoseconds, that the issuing agent's completed LLM calls spent queued (every wait). */
    default long agentQueuedNanos() {
        return 0;
    }

    /**
     * The longest chain of service through the agent's completed calls (Autellix's ATLAS): a call
     * outside a fan-out adds its service, a fan-out adds the service of its longest LLM child once
     * its last child ends. The children of a fan-out in flight all see the value from before it.
     */
    default long agentCriticalPathNanos() {
        return 0;
    }

    /** This call is the agent's n-th LLM call, from 0 (refused calls count); -1 when unknown. */
    default int callIndex() {
        return -1;
    }

    /** The fan-out this call was issued in, numbered per agent from 0 (so with {@link #agentPid()} it is unique); -1 outside a fan-out. */
    default long fanOutId() {
        return -1;
    }

    /** The number of calls (of any kind) in this call's fan-out; 0 outside a fan-out. */
    default int fanOutSize() {
        return 0;
    }

    // ---- what a real engine needs to share prefixes (issue 7): defaults say "no prefix, no hits"

    /** How the KV blocks of the call's context are named (its workload's prefix), or null when it has none. */
    default dev.aiosim.kernel.process.Prefix prefix() {
        return null;
    }

    /**
     * Context tokens that the engine's prefix cache credited as hits at the call's current (or
     * latest) admission: the leading whole blocks of its context whose KV was found cached, which
     * its prefill skips (it still computes at least its last token, for the logits). 0 without a
     * prefix cache or a prefix, and for a swap resume, which brings back its own KV. A recompute
     * resume is looked up again, so its hits may differ from its first admission's.
     */
    default int cachedPrefixTokens() {
        return 0;
    }
}
