package dev.aiosim.workloads.trace;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.workloads.program.SingleCallProgram;

/**
 * The agent a row of a flat (open-loop) trace becomes: one LLM call at the row's time, named
 * {@code req-<pid>}, at priority 0 and weight 1 in the default group. One place, so every flat
 * reader makes the same agents.
 */
public final class Requests {
    private Requests() {}

    /** A single-call agent {@code pid} arriving at {@code nanos}. */
    public static AgentArrival single(long pid, long nanos, LlmCall call) {
        return new AgentArrival(nanos, new AgentProcess(pid, "req-" + pid, 0, 1.0, "default", new SingleCallProgram(call)));
    }
}
