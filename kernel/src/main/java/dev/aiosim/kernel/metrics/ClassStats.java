package dev.aiosim.kernel.metrics;

import org.HdrHistogram.Histogram;

/** Distributions for one priority level, so that a report can show who a policy favours. */
public final class ClassStats {
    private final int priority;
    private final Histogram callQueueing = Histograms.micros();
    private final Histogram callE2e = Histograms.micros();
    private final Histogram agentTurnaround = Histograms.micros();
    private long agents;
    private long agentsFinished;

    ClassStats(int priority) {
        this.priority = priority;
    }

    void call(CallRecord c) {
        Histograms.recordNanos(callQueueing, c.queueingNanos());
        Histograms.recordNanos(callE2e, c.e2eNanos());
    }

    void agent(AgentRecord a) {
        agents++;
        if (a.finished()) {
            agentsFinished++;
            Histograms.recordNanos(agentTurnaround, a.turnaroundNanos());
        }
    }

    public int priority() {
        return priority;
    }

    public long agents() {
        return agents;
    }

    public long agentsFinished() {
        return agentsFinished;
    }

    public Histogram callQueueing() {
        return callQueueing;
    }

    public Histogram callE2e() {
        return callE2e;
    }

    public Histogram agentTurnaround() {
        return agentTurnaround;
    }
}
