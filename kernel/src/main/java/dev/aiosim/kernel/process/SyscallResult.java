package dev.aiosim.kernel.process;

/**
 * What an agent's program learns when one of its syscalls ends.
 *
 * @param call the syscall
 * @param submittedAt virtual time it was submitted
 * @param completedAt virtual time it ended
 * @param status how it ended
 * @param outputTokens tokens generated (LLM calls), 0 otherwise
 */
public record SyscallResult(Syscall call, long submittedAt, long completedAt, Status status, int outputTokens) {

    /** How a syscall ended. */
    public enum Status {
        COMPLETED,
        /** The kernel refused it, e.g. an LLM call that can never fit in any engine's KV pool. */
        REJECTED,
        /**
         * The access manager refused it (a memory, storage or tool call the agent's group may not
         * make): it was never served and touched nothing.
         */
        DENIED,
        /** It failed under fault injection (a tool call out of retries, an LLM call lost in too many crashes). */
        FAILED
    }

    public boolean ok() {
        return status == Status.COMPLETED;
    }
}
