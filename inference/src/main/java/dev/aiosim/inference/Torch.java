package dev.aiosim.inference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one place that starts DJL's PyTorch engine, so that every entry point (tests, the engine,
 * the measurement command) gets the same settings: natives from the classpath only (the
 * {@code pytorch-native-cpu} and {@code pytorch-jni} jars from Maven Central, extracted by DJL
 * into its cache; {@code ai.djl.offline=true}, so a missing native is an error instead of a
 * download) and a fixed number of torch threads, 1 unless said otherwise (these machines have
 * 2 cores shared by the kernel thread and the agents). Threads are settled once per JVM: the
 * first call wins.
 */
public final class Torch {
    /** System property giving torch's intra-op thread count (DJL's own key). */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    private static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";
    private static volatile Engine engine;

    private Torch() {}

    /** The PyTorch engine with {@code threads} intra-op threads if it is not started yet (1 when {@code threads} is 0). */
    public static synchronized Engine start(int threads) {
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("torch threads must be 0..1024 (0 = default 1), got " + threads);
        }
        if (engine == null) {
            System.setProperty("ai.djl.offline", "true");
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "ERROR"); // DJL logs through SLF4J; no binding is bundled
            }
            if (System.getProperty(THREADS_PROPERTY) == null || threads > 0) {
                System.setProperty(THREADS_PROPERTY, Integer.toString(Math.max(threads, 1)));
            }
            if (System.getProperty(INTEROP_PROPERTY) == null) {
                System.setProperty(INTEROP_PROPERTY, "1");
            }
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }

    /** The engine with the threads of {@link #THREADS_PROPERTY}, or 1. */
    public static Engine engine() {
        Engine e = engine;
        return e != null ? e : start(0);
    }

    /** A new root manager on the CPU. */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }
}
