package dev.aiosim.kernel.process;

import java.util.Objects;

/**
 * One running agent: identity, scheduling attributes and its program.
 *
 * @param pid unique process id within a run
 * @param name human-readable name
 * @param priority larger is more important; 0 is the default level
 * @param weight share weight for fairness metrics and fair-share policies, > 0
 * @param group access-control group
 * @param program what the agent does
 */
public record AgentProcess(long pid, String name, int priority, double weight, String group, Program program) {
    public AgentProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(program, "program");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be > 0, got " + weight);
        }
    }
}
