package dev.aiosim.kernel.engine;

/**
 * Vendor figures for one GPU (DESIGN.md §6).
 *
 * @param name catalog name, e.g. {@code H100-SXM}
 * @param peakFlops dense bf16 FLOP/s
 * @param hbmBytesPerSec memory bandwidth
 * @param memoryBytes HBM capacity
 * @param pcieBytesPerSec host link bandwidth, per direction, used for KV swap
 */
public record GpuSpec(String name, double peakFlops, double hbmBytesPerSec, double memoryBytes, double pcieBytesPerSec) {
    public GpuSpec {
        if (!(peakFlops > 0 && hbmBytesPerSec > 0 && memoryBytes > 0 && pcieBytesPerSec > 0)) {
            throw new IllegalArgumentException("gpu " + name + ": every figure must be > 0");
        }
    }
}
