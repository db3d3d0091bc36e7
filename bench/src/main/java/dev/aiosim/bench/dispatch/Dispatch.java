package dev.aiosim.bench.dispatch;

import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.live.EngineFactory;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.live.LiveOptions;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.schedulers.fifo.FifoScheduler;

/**
 * The two dispatch cores under test, both the real {@link LiveKernel} (fifo policy, metrics) with
 * a null engine that ends every step at once: {@code lock-free} (JCTools MPSC inbox, spin-yield-park
 * idle, park/unpark hand-off) and {@code locked} (blocking queue with timed take, lock and
 * condition hand-off).
 */
public enum Dispatch {
    LOCK_FREE("lock-free"),
    LOCKED("locked");

    private final String label;

    Dispatch(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Dispatch of(String label) {
        for (Dispatch d : values()) {
            if (d.label.equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dispatch: expected lock-free or locked, got '" + label + "'");
    }

    /** Options for this core with the given engines (dilation matters only to emulated engines). */
    public LiveOptions options(double dilation, EngineFactory engines) {
        LiveOptions o = LiveOptions.of(dilation).withEngines(engines);
        return this == LOCKED ? o.withDispatch(LockedInbox::new, LockedSlot::new) : o;
    }

    /** A started kernel on one engine with {@code slots} slots and a null engine. */
    public LiveKernel start(int slots) {
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(1L << 40)
                .costModel(new ConstantCostModel(1)).build();
        return new LiveKernel(KernelConfig.of(1, e), id -> new FifoScheduler(), MetricsSink.NONE, Slo.NONE,
                options(1, EngineFactory.IMMEDIATE));
    }
}
