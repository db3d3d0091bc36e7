package dev.aiosim.kernel.engine;

/**
 * Vendor figures for one GPU (DESIGN.md §6).
 *
 * @param name catalog name, e.g. {@code H100-SXM}
 * @param peakFlops dense bf16 FLOP/s
 * @param hbmBytesPerSec memory bandwidth
 * @param memoryBytes HBM capacity
 * @param pcieBytesPerSec host link bandwidth, per direction, used for KV swap
 * @param interconnectBytesPerSec GPU-to-GPU bandwidth per GPU and direction (NVLink), used for
 *     tensor-parallel all-reduce; 0 when the catalog does not state it
 */
public record GpuSpec(String name, double peakFlops, double hbmBytesPerSec, double memoryBytes, double pcieBytesPerSec,
                      double interconnectBytesPerSec) {
    public GpuSpec {
        if (!(peakFlops > 0 && hbmBytesPerSec > 0 && memoryBytes > 0 && pcieBytesPerSec > 0)) {
            throw new IllegalArgumentException("gpu " + name + ": every figure must be > 0");
        }
        if (!(interconnectBytesPerSec >= 0) || Double.isInfinite(interconnectBytesPerSec)) {
            throw new IllegalArgumentException("gpu " + name + ": interconnect bandwidth must be >= 0, got "
                    + interconnectBytesPerSec);
        }
    }

    /** A GPU whose catalog entry does not state its interconnect (enough for the roofline and for tp 1). */
    public GpuSpec(String name, double peakFlops, double hbmBytesPerSec, double memoryBytes, double pcieBytesPerSec) {
        this(name, peakFlops, hbmBytesPerSec, memoryBytes, pcieBytesPerSec, 0);
    }
}
