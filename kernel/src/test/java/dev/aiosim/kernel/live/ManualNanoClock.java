package dev.aiosim.kernel.live;

import dev.aiosim.kernel.time.NanoClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A wall clock the test moves by hand, counting its reads so that a test can wait until the
 * thread reading it has seen a new time (instead of sleeping for a while).
 */
final class ManualNanoClock implements NanoClock {
    private final AtomicLong now = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    @Override
    public long nanoTime() {
        reads.incrementAndGet();
        return now.get();
    }

    void set(long nanos) {
        now.set(nanos);
    }

    /**
     * Waits until the clock was read {@code n} more times from now. With a single reader thread,
     * two reads after a {@link #set} mean it has run a full round on the new time. Bounded, as a
     * deadlock guard only.
     */
    void awaitReads(int n) throws InterruptedException {
        long target = reads.get() + n;
        for (int i = 0; i < 600_000 && reads.get() < target; i++) {
            Thread.sleep(0, 100_000);
        }
        if (reads.get() < target) {
            throw new AssertionError("the clock was not read " + n + " more times");
        }
    }
}
