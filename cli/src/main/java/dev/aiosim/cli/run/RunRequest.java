package dev.aiosim.cli.run;

import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.kernel.audit.AuditSink;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.process.AgentSource;

/**
 * One run to carry out, as the experiment hands it to a {@link Runner}.
 *
 * @param spec the resolved spec
 * @param policy the policy
 * @param seed the seed
 * @param experiment opens the workload for the seed (the same agents for every policy and runner)
 * @param sink where the run's call and agent rows go
 * @param progress told of virtual time as the run advances
 * @param stop where the run registers how it is stopped early
 * @param audit where the kernel's audit records go ({@link AuditSink#OFF}: none)
 */
public record RunRequest(ResolvedSpec spec, PolicyEntry policy, long seed, Experiment experiment, MetricsSink sink,
                         Progress progress, Stop stop, AuditSink audit) {
    /** A run without audit trail. */
    public RunRequest(ResolvedSpec spec, PolicyEntry policy, long seed, Experiment experiment, MetricsSink sink,
                      Progress progress, Stop stop) {
        this(spec, policy, seed, experiment, sink, progress, stop, AuditSink.OFF);
    }

    /** A fresh workload source for this run's seed; the caller closes it. */
    public AgentSource openWorkload() {
        return experiment.open(seed);
    }
}
