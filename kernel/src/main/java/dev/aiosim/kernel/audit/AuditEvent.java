package dev.aiosim.kernel.audit;

import java.util.Locale;

/** What an audit record says happened. */
public enum AuditEvent {
    /** An agent process arrived. */
    ARRIVED,
    /** An agent issued a syscall (its kind in the detail). */
    SYSCALL,
    /** An LLM call was admitted into a batch for the first time. */
    ADMITTED,
    /** A preempted or crash-hit call was admitted again (how, in the detail). */
    RESUMED,
    /** A running call was preempted, its KV dropped for recompute. */
    PREEMPTED,
    /** A running call was preempted, its KV swapped out to host memory. */
    SWAPPED,
    /** A syscall was refused by the access rules. */
    DENIED,
    /** An LLM call can never fit and was refused. */
    REJECTED,
    /** A call was given up by its agent. */
    CANCELLED,
    /** A call failed for good (reason in the detail). */
    FAILED,
    /** A syscall completed. */
    COMPLETED,
    /** An LLM call lost its KV or snapshot in an engine crash. */
    LOST,
    /** An LLM call was moved to another engine. */
    REDISPATCHED,
    /** A failed tool-call attempt will be retried. */
    RETRIED,
    /** An engine crashed. */
    ENGINE_CRASHED,
    /** An engine came back. */
    ENGINE_RESTARTED,
    /** An agent finished. */
    EXITED;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name written in the trail, e.g. {@code engine-crashed}. */
    public String label() {
        return label;
    }
}
