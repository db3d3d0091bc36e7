package dev.aiosim.kernel.context;

/** How a preempted call keeps its generation state (DESIGN.md §2). */
public enum PreemptionMode {
    /** KV copied to host memory and back over PCIe; falls back to recompute when host swap is full. */
    SWAP,
    /** KV dropped; prompt plus generated tokens are prefilled again on resume. */
    RECOMPUTE;

    public static PreemptionMode parse(String s) {
        for (PreemptionMode m : values()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown preemption mode '" + s + "'; expected swap or recompute");
    }
}
