package dev.aiosim.kernel.process;

/**
 * An agent process and the virtual time at which it starts.
 *
 * @param time arrival time in virtual nanoseconds, >= 0
 * @param agent the process
 */
public record AgentArrival(long time, AgentProcess agent) {
    public AgentArrival {
        if (time < 0) {
            throw new IllegalArgumentException("arrival time must be >= 0, got " + time);
        }
    }
}
