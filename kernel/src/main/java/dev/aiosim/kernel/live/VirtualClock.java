package dev.aiosim.kernel.live;

/**
 * Virtual time in a live run: wall nanoseconds since the start multiplied by a dilation factor
 * (dilation 100 runs 100x faster than model time). Read from any thread.
 */
public final class VirtualClock {
    private final long startWall;
    private final double dilation;

    /** @param dilation virtual nanoseconds per wall nanosecond, > 0 */
    public VirtualClock(double dilation) {
        if (!(dilation > 0) || Double.isInfinite(dilation)) {
            throw new IllegalArgumentException("dilation must be a finite number > 0, got " + dilation);
        }
        this.dilation = dilation;
        this.startWall = System.nanoTime();
    }

    public double dilation() {
        return dilation;
    }

    /** Virtual nanoseconds now. */
    public long now() {
        return (long) ((System.nanoTime() - startWall) * dilation);
    }

    /** The {@link System#nanoTime()} at which virtual time reaches {@code virtualNanos}. */
    public long wallAt(long virtualNanos) {
        return startWall + (long) Math.ceil(virtualNanos / dilation);
    }

    /** Wall nanoseconds since the start. */
    public long wallElapsed() {
        return System.nanoTime() - startWall;
    }

    /**
     * Blocks the calling thread until virtual time reaches {@code virtualNanos} or {@code stop}
     * says so: parks until shortly before, then spins (parking alone overshoots by tens of
     * microseconds, which the dilation would multiply).
     */
    public void sleepUntil(long virtualNanos, java.util.function.BooleanSupplier stop) {
        sleepUntilWall(wallAt(virtualNanos), stop);
    }

    /** As {@link #sleepUntil}, to a {@link System#nanoTime()} deadline. */
    public void sleepUntilWall(long deadline, java.util.function.BooleanSupplier stop) {
        long left;
        while (!stop.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
            if (left > SPIN_NANOS) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, Math.min(left - SPIN_NANOS, 10_000_000L));
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static final long SPIN_NANOS = 50_000;
}
