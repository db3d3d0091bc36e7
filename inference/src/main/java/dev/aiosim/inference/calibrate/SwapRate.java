package dev.aiosim.inference.calibrate;

/**
 * KV swap traffic measured on a DJL engine: bytes and wall time copied out to host memory
 * (preemption by swap) and back in (resume). The simulated kernel charges every swapped byte once
 * per direction at one host-link rate (its swap-out at the preemption, its swap-in at the
 * resume), so the one figure that makes the kernel's charge equal the measured time is
 * {@link #bytesPerSec}: all bytes moved, both directions, over all the time both took.
 *
 * @param outBytes bytes swapped out
 * @param outNanos wall time of the swap-outs
 * @param inBytes bytes swapped in
 * @param inNanos wall time of the swap-ins
 */
public record SwapRate(long outBytes, long outNanos, long inBytes, long inNanos) {
    public SwapRate {
        if (outBytes <= 0 || inBytes <= 0 || outNanos <= 0 || inNanos <= 0) {
            throw new IllegalArgumentException("a swap measurement needs bytes and time > 0 in both directions, got "
                    + outBytes + " B in " + outNanos + " ns out, " + inBytes + " B in " + inNanos + " ns in");
        }
    }

    /** Swap-out speed in MiB/s. */
    public double outMibPerSec() {
        return outBytes / (1024.0 * 1024) / (outNanos / 1e9);
    }

    /** Swap-in speed in MiB/s. */
    public double inMibPerSec() {
        return inBytes / (1024.0 * 1024) / (inNanos / 1e9);
    }

    /** Bytes moved in both directions per second of both: the kernel's host-link figure ({@code swap-bytes-per-sec}). */
    public double bytesPerSec() {
        return (outBytes + (double) inBytes) / ((outNanos + (double) inNanos) / 1e9);
    }
}
