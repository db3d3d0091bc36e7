package dev.aiosim.kernel.scheduler;

/** Thrown when a policy makes a decision the kernel cannot carry out (over-commit, unknown call). */
public final class SchedulerContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchedulerContractException(String policy, int engine, String what) {
        super("policy '" + policy + "' on engine " + engine + ": " + what);
    }
}
