package dev.aiosim.cli.run;

/**
 * A request to end an invocation early (Ctrl-C, SIGTERM), shared between whoever asks and the
 * runs: the experiment checks it before each run, and the run in progress registers how it is
 * stopped, so a request stops it at once whether it comes before, during or after the run starts.
 * Thread-safe; a request cannot be taken back.
 */
public final class Stop {
    private boolean requested;
    private Runnable current;

    /** What {@link #during} returns: ends the registration; closing twice is harmless. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Asks to stop: no further run starts, and the run in progress (if any) is stopped now. */
    public void request() {
        Runnable r;
        synchronized (this) {
            requested = true;
            r = current;
        }
        if (r != null) {
            r.run();
        }
    }

    /** Whether a stop was asked for. */
    public synchronized boolean requested() {
        return requested;
    }

    /** Whether a run is registered (in progress) now. */
    public synchronized boolean running() {
        return current != null;
    }

    /**
     * Registers how to stop the run that starts now; if a stop was already asked for, stops it at
     * once. Close the scope when the run has ended.
     */
    public Scope during(Runnable stopRun) {
        boolean now;
        synchronized (this) {
            current = stopRun;
            now = requested;
        }
        if (now) {
            stopRun.run();
        }
        return () -> {
            synchronized (this) {
                if (current == stopRun) {
                    current = null;
                }
            }
        };
    }
}
