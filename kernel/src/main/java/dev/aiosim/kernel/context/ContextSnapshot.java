package dev.aiosim.kernel.context;

/**
 * The saved generation state of one preempted call.
 *
 * @param callId the call
 * @param contextTokens tokens of its context in KV at preemption: prompt plus generated tokens, or
 *     the prefilled part of a prompt preempted in the middle of a chunked prefill
 * @param mode where the state lives: {@code SWAP} means {@code bytes} sit in host swap space,
 *             {@code RECOMPUTE} means nothing is kept and the context is prefilled again
 * @param bytes KV bytes held in host memory (0 for recompute)
 * @param takenAt virtual time of preemption
 */
public record ContextSnapshot(long callId, int contextTokens, PreemptionMode mode, long bytes, long takenAt) {}
