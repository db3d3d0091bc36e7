package dev.aiosim.kernel.metrics;

/** How an LLM call ended within a run. */
public enum CallStatus {
    COMPLETED,
    /** Still queued or running when the horizon was reached. */
    UNFINISHED,
    /** Refused on submission: its prompt plus output can never fit an engine's KV pool. */
    REJECTED,
    /** Given up by its agent (a live agent interrupted mid-call): its slot and KV were freed. */
    CANCELLED,
    /** Failed for good under fault injection (lost its KV in too many engine crashes). */
    FAILED
}
