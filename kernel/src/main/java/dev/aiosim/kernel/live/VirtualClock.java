package dev.aiosim.kernel.live;

import dev.aiosim.kernel.time.NanoClock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Virtual time in a live run: wall nanoseconds since the start multiplied by a dilation factor
 * (dilation 100 runs 100x faster than model time). The wall clock is injected ({@link NanoClock},
 * the system's by default) so that tests can move it by hand. Read from any thread.
 */
public final class VirtualClock {
    private static final long SPIN_NANOS = 50_000;
    private static final long MAX_PARK_NANOS = 10_000_000;

    private final NanoClock wall;
    private final long startWall;
    private final double dilation;

    /** On the system's clock. @param dilation virtual nanoseconds per wall nanosecond, > 0 */
    public VirtualClock(double dilation) {
        this(dilation, NanoClock.SYSTEM);
    }

    /**
     * @param dilation virtual nanoseconds per wall nanosecond, > 0
     * @param wall the wall clock; the run starts at its present reading
     */
    public VirtualClock(double dilation, NanoClock wall) {
        checkDilation(dilation);
        this.dilation = dilation;
        this.wall = wall;
        this.startWall = wall.nanoTime();
    }

    /** Refuses a dilation that is not a finite number > 0. */
    public static void checkDilation(double dilation) {
        if (!(dilation > 0) || Double.isInfinite(dilation)) {
            throw new IllegalArgumentException("dilation must be a finite number > 0, got " + dilation);
        }
    }

    public double dilation() {
        return dilation;
    }

    /** The wall clock's reading now (the injected clock's {@link NanoClock#nanoTime()}). */
    public long wallNow() {
        return wall.nanoTime();
    }

    /** Virtual nanoseconds now. */
    public long now() {
        return (long) ((wall.nanoTime() - startWall) * dilation);
    }

    /** The wall-clock reading at which virtual time reaches {@code virtualNanos}. */
    public long wallAt(long virtualNanos) {
        return startWall + (long) Math.ceil(virtualNanos / dilation);
    }

    /** Wall nanoseconds from now until virtual time reaches {@code virtualNanos} (<= 0 if it has). */
    public long wallUntil(long virtualNanos) {
        return wallAt(virtualNanos) - wall.nanoTime();
    }

    /** Wall nanoseconds since the start. */
    public long wallElapsed() {
        return wall.nanoTime() - startWall;
    }

    /**
     * Blocks the calling thread until virtual time reaches {@code virtualNanos} or {@code stop}
     * says so: parks until shortly before, then spins (parking alone overshoots by tens of
     * microseconds, which the dilation would multiply).
     */
    public void sleepUntil(long virtualNanos, BooleanSupplier stop) {
        sleepUntilWall(wallAt(virtualNanos), stop);
    }

    /**
     * As {@link #sleepUntil}, to a wall-clock deadline. Parks at most 10 ms at a time, so
     * {@code stop} is heard within that.
     */
    public void sleepUntilWall(long deadline, BooleanSupplier stop) {
        long left;
        while (!stop.getAsBoolean() && (left = deadline - wall.nanoTime()) > 0) {
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(this, Math.min(left - SPIN_NANOS, MAX_PARK_NANOS));
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
