package dev.aiosim.kernel.live;

/**
 * An existing thread acting as a live agent (see {@link LiveKernel#join}): it issues blocking
 * syscalls and ends the agent with {@link #close}. Used by benchmarks and by code embedding the
 * live kernel; agents of a workload are spawned on virtual threads instead.
 */
public interface AgentSession extends Syscalls, AutoCloseable {
    /** The agent is done: posts its exit. */
    @Override
    void close();
}
