package dev.aiosim.workloads.gen;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.WorkloadSpec;
import java.nio.file.Path;

/**
 * The agents of a generator workload, made one at a time as the kernel pulls them (constant
 * memory). Agent k (pid k, name {@code agent-k}, weight 1, group {@code default}, or its team for
 * the shared-memory program) gets the k-th
 * arrival time from the arrival stream, the k-th priority from the priority stream, and a program
 * drawing from its own stream {@code Seeds.stream(seed, PROGRAMS, k)}, with prefix-cache session
 * key k (plan-execute and multi-turn programs name their KV blocks by it).
 */
public final class GeneratedSource implements AgentSource {
    private final long agents;
    private final long seed;
    private final ArrivalProcess arrivals;
    private final PriorityAssigner priorities;
    private final AgentTemplate template;
    private long nextPid;
    private long lastTime;

    /**
     * @param spec a validated generator spec
     * @param path its place in the experiment spec, for messages (e.g. {@code workload})
     */
    public GeneratedSource(WorkloadSpec spec, long seed, Path baseDir, String path) {
        this.agents = spec.agents();
        this.seed = seed;
        this.arrivals = ArrivalProcess.of(spec.arrivalsOrDefault(), Seeds.stream(seed, Seeds.ARRIVALS, 0));
        this.priorities = new PriorityAssigner(agents, spec.priorities(), Seeds.stream(seed, Seeds.PRIORITIES, 0));
        this.template = new AgentTemplate(spec.program(), path + ".program", baseDir, new EmpiricalColumn.Cache());
    }

    @Override
    public AgentArrival next() {
        if (nextPid >= agents) {
            return null;
        }
        long pid = nextPid++;
        long t = arrivals.nextArrivalNanos();
        if (t < lastTime) {
            throw new IllegalStateException("arrival time went back from " + lastTime + " to " + t);
        }
        lastTime = t;
        int priority = priorities.next();
        var program = template.create(Seeds.provider(Seeds.stream(seed, Seeds.PROGRAMS, pid)), pid);
        return new AgentArrival(t, new AgentProcess(pid, "agent-" + pid, priority, 1.0, template.group(pid), program));
    }
}
