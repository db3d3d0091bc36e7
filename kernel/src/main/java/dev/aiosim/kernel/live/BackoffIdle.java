package dev.aiosim.kernel.live;

import java.util.concurrent.locks.LockSupport;

/**
 * The back-off {@link IdleStrategy}: busy-spin a while (lowest latency), then yield the core,
 * then park (no CPU). Exists because on few cores a waiting thread must give the core to the
 * thread that will answer it before paying for a park and an unpark.
 */
final class BackoffIdle implements IdleStrategy {
    private final int spins;
    private final int yields;
    private final long maxParkNanos;
    private int idleCount;

    BackoffIdle(int spins, int yields, long maxParkNanos) {
        if (spins < 0 || yields < 0 || maxParkNanos <= 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0 and the longest park > 0, got "
                    + spins + ", " + yields + ", " + maxParkNanos);
        }
        this.spins = spins;
        this.yields = yields;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public boolean willPark() {
        return idleCount >= spins + yields;
    }

    @Override
    public void idle(long parkNanos) {
        int n = idleCount;
        if (n < spins + yields) {
            idleCount = n + 1;
        }
        if (n < spins) {
            Thread.onSpinWait();
        } else if (n < spins + yields) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(this, Math.max(1, Math.min(parkNanos, maxParkNanos)));
        }
    }

    @Override
    public void reset() {
        idleCount = 0;
    }
}
