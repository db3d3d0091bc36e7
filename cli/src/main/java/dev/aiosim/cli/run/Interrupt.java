package dev.aiosim.cli.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM for one invocation of an experiment command (simulated or live): while
 * installed, a JVM shutdown hook asks the {@link Stop} (the run in progress ends at once, no
 * further run starts) and waits, up to 30 s, until the results are written and marked partial.
 */
public final class Interrupt {
    private static final long WAIT_SECONDS = 30;

    private final Stop stop = new Stop();
    private final CountDownLatch written = new CountDownLatch(1);

    /** What {@link #install} returns: closing it says the results are written and removes the hook. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The stop the hook asks for. */
    public Stop stop() {
        return stop;
    }

    /** Installs the shutdown hook until the scope is closed. */
    public Scope install() {
        Thread hook = new Thread(this::onSignal, "aiosim-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            written.countDown(); // the hook, if it runs, waits for this
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is what stopped us
            }
        };
    }

    /** What the hook does: stop, then wait (bounded) until the results are written. */
    public void onSignal() {
        stop.request();
        try {
            written.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
