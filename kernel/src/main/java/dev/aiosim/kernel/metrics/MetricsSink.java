package dev.aiosim.kernel.metrics;

/**
 * Receives per-call and per-agent records as they are final, so that a run of any length
 * writes rows in constant memory. The order is deterministic: completion order, then the
 * unfinished ones by id at the horizon.
 */
public interface MetricsSink {
    void call(CallRecord record);

    void agent(AgentRecord record);

    /** A sink that keeps nothing. */
    MetricsSink NONE = new MetricsSink() {
        @Override
        public void call(CallRecord record) {}

        @Override
        public void agent(AgentRecord record) {}
    };
}
