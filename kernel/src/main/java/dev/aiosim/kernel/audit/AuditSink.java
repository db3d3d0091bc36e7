package dev.aiosim.kernel.audit;

/**
 * Where the kernel reports its audit records, on the kernel thread, in the order things happen.
 * The kernel asks {@link #on()} before building a record's detail, so a switched-off trail costs
 * one branch per record.
 */
public interface AuditSink {
    /** No trail. */
    AuditSink OFF = new AuditSink() {
        @Override
        public boolean on() {
            return false;
        }

        @Override
        public void record(long now, AuditEvent event, long pid, long callId, int engine, String detail) {
        }
    };

    /** Whether records are wanted. */
    boolean on();

    /**
     * One record.
     *
     * @param now virtual time in nanoseconds
     * @param event what happened
     * @param pid the agent, -1 for none (engine events)
     * @param callId the LLM call, -1 for none
     * @param engine the engine, -1 for none
     * @param detail free text (syscall kind, reason), may be null
     */
    void record(long now, AuditEvent event, long pid, long callId, int engine, String detail);
}
