package dev.aiosim.cli.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A request to end an invocation early (Ctrl-C, SIGTERM), shared between whoever asks and the
 * runs: the experiment checks it before each run, and each run in progress (several with
 * {@code --jobs}) registers how it is stopped, so a request stops them at once whether it comes
 * before, during or after a run starts. Thread-safe; a request cannot be taken back.
 */
public final class Stop {
    private boolean requested;
    private final List<Runnable> current = new ArrayList<>();

    /** What {@link #during} returns: ends the registration; closing twice is harmless. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Asks to stop: no further run starts, and the run in progress (if any) is stopped now. */
    public void request() {
        List<Runnable> runs;
        synchronized (this) {
            requested = true;
            runs = List.copyOf(current);
        }
        runs.forEach(Runnable::run);
    }

    /** Whether a stop was asked for. */
    public synchronized boolean requested() {
        return requested;
    }

    /** Whether a run is registered (in progress) now. */
    public synchronized boolean running() {
        return !current.isEmpty();
    }

    /**
     * Registers how to stop the run that starts now; if a stop was already asked for, stops it at
     * once. Close the scope when the run has ended.
     */
    public Scope during(Runnable stopRun) {
        boolean now;
        synchronized (this) {
            current.add(stopRun);
            now = requested;
        }
        if (now) {
            stopRun.run();
        }
        return () -> {
            synchronized (this) {
                current.removeIf(r -> r == stopRun);
            }
        };
    }
}
