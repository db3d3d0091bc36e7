package dev.aiosim.kernel.metrics;

/**
 * Receives per-call and per-agent records as they are final, so that a run of any length
 * writes rows in constant memory. The order is deterministic: completion order, then the
 * unfinished ones by id at the horizon. Also receives the run's timeline samples, when the run
 * takes them ({@link dev.aiosim.kernel.sim.Simulation#sampleEvery}).
 */
public interface MetricsSink {
    void call(CallRecord record);

    void agent(AgentRecord record);

    /**
     * One engine's state at virtual time {@code timeNanos}, after every event up to and including
     * that instant: calls queued, calls running, KV tokens in use (cached blocks included) and the
     * KV pool's size. Samples come in time order, engines in id order within a time. Primitive
     * arguments, so that sampling allocates nothing; the default keeps nothing.
     */
    default void sample(long timeNanos, int engine, int queued, int running, long kvTokens, long kvCapacityTokens) {}

    /** A sink that keeps nothing. */
    MetricsSink NONE = new MetricsSink() {
        @Override
        public void call(CallRecord record) {}

        @Override
        public void agent(AgentRecord record) {}
    };
}
