package dev.aiosim.cli.run;

/**
 * Progress of an experiment, driven by completed runs and, within a run, by virtual time.
 * Implementations must not affect the results.
 */
public interface Progress extends AutoCloseable {
    /** A run starts; {@code horizonNanos} is Long.MAX_VALUE when unknown. */
    void runStarted(String policy, long seed, long horizonNanos);

    /** The current run reached virtual time {@code nanos}. */
    void time(long nanos);

    /** The current run finished. */
    void runDone();

    @Override
    void close();

    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void runStarted(String policy, long seed, long horizonNanos) {}

        @Override
        public void time(long nanos) {}

        @Override
        public void runDone() {}

        @Override
        public void close() {}
    };
}
