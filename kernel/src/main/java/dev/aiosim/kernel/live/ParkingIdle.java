package dev.aiosim.kernel.live;

import java.util.concurrent.locks.LockSupport;

/**
 * The parking {@link IdleStrategy}: park at once, never spin. Exists for machines where spare
 * cores are scarcer than latency matters (many runs side by side, or more engines' worth of
 * threads than cores): an idle consumer then costs no CPU.
 *
 * @param maxParkNanos longest park; a lost wake-up costs at most this
 */
record ParkingIdle(long maxParkNanos) implements IdleStrategy {
    ParkingIdle {
        if (maxParkNanos <= 0) {
            throw new IllegalArgumentException("the longest park must be > 0, got " + maxParkNanos);
        }
    }

    @Override
    public boolean willPark() {
        return true;
    }

    @Override
    public void idle(long parkNanos) {
        LockSupport.parkNanos(this, Math.max(1, Math.min(parkNanos, maxParkNanos)));
    }

    @Override
    public void reset() {
        // nothing to count
    }
}
