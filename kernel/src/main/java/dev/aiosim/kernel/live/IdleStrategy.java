package dev.aiosim.kernel.live;

/**
 * What a consumer thread (the kernel's, or the emulated engines' timer thread) does when it found
 * no work. It exists so that a run can trade latency for CPU: {@link #backoff()} spins, yields,
 * then parks (lowest latency, as Agrona's back-off idle strategy); {@link #parking} parks at once
 * (no CPU while idle, a wake-up's latency per message). Chosen per run in {@link LiveOptions};
 * an instance keeps per-thread state, so each consumer thread gets its own.
 */
public interface IdleStrategy {
    /** Whether the next idle round will park (the caller then announces that it sleeps). */
    boolean willPark();

    /**
     * One idle round. {@code parkNanos} bounds a park (wall time to the next deadline); an
     * implementation may park for less, never for more.
     */
    void idle(long parkNanos);

    /** Work was found: the next idle round starts from the beginning. */
    void reset();

    /** Spin 100, yield 20, park up to 1 ms: the live kernel's default. */
    static IdleStrategy backoff() {
        return new BackoffIdle(100, 20, 1_000_000);
    }

    /**
     * @param spins busy-spin rounds before yielding
     * @param yields yield rounds before parking
     * @param maxParkNanos longest park; a lost wake-up costs at most this
     */
    static IdleStrategy backoff(int spins, int yields, long maxParkNanos) {
        return new BackoffIdle(spins, yields, maxParkNanos);
    }

    /** Park at once, up to {@code maxParkNanos} (a lost wake-up costs at most this). */
    static IdleStrategy parking(long maxParkNanos) {
        return new ParkingIdle(maxParkNanos);
    }
}
