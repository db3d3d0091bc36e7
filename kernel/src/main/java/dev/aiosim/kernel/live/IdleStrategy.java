package dev.aiosim.kernel.live;

/**
 * What a consumer thread does when it found no work: spin a while (lowest latency), then yield,
 * then park (no CPU), as Agrona's back-off idle strategy does. {@link #reset} after work.
 */
public final class IdleStrategy {
    private final int spins;
    private final int yields;
    private final long maxParkNanos;
    private int idleCount;

    /**
     * @param spins busy-spin rounds before yielding
     * @param yields yield rounds before parking
     * @param maxParkNanos longest park; a lost wake-up costs at most this
     */
    public IdleStrategy(int spins, int yields, long maxParkNanos) {
        this.spins = spins;
        this.yields = yields;
        this.maxParkNanos = maxParkNanos;
    }

    /** Spin 100, yield 20, park up to 1 ms. */
    public static IdleStrategy backoff() {
        return new IdleStrategy(100, 20, 1_000_000);
    }

    /** Whether the next idle round will park (the caller then announces that it sleeps). */
    public boolean willPark() {
        return idleCount >= spins + yields;
    }

    /**
     * One idle round. {@code parkNanos} bounds a park (time to the next timer deadline), at most
     * {@code maxParkNanos}.
     */
    public void idle(long parkNanos) {
        int n = idleCount++;
        if (n < spins) {
            Thread.onSpinWait();
        } else if (n < spins + yields) {
            Thread.yield();
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(this, Math.max(1, Math.min(parkNanos, maxParkNanos)));
        }
    }

    public void reset() {
        idleCount = 0;
    }
}
