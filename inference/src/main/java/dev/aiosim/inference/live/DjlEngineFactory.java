package dev.aiosim.inference.live;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.Torch;
import dev.aiosim.inference.calibrate.Calibrate;
import dev.aiosim.inference.model.LlamaModel;
import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.WeightSource;
import dev.aiosim.kernel.core.StepExecutor;
import dev.aiosim.kernel.live.EngineFactory;
import dev.aiosim.kernel.live.Inbox;
import dev.aiosim.kernel.live.VirtualClock;
import dev.aiosim.kernel.time.EventTarget;

/**
 * Makes {@link DjlEngines} for a live run: starts PyTorch with the given threads, builds the model
 * from its spec and weights, and keeps the engines it made so that the caller can read their
 * figures after the run.
 */
public final class DjlEngineFactory implements EngineFactory {
    private final LlamaSpec spec;
    private final WeightSource weights;
    private final int threads;
    private volatile DjlEngines last;
    private boolean warmedUp;

    /**
     * @param spec the model's shape
     * @param weights its weights (seeded or a checkpoint)
     * @param threads torch intra-op threads, 0 for the default 1
     */
    public DjlEngineFactory(LlamaSpec spec, WeightSource weights, int threads) {
        this.spec = spec;
        this.weights = weights;
        this.threads = threads;
    }

    @Override
    public StepExecutor create(int engines, VirtualClock clock, Inbox<EventTarget> inbox) {
        Torch.start(threads);
        NDManager root = Torch.newManager();
        try {
            DjlEngines e = new DjlEngines(engines, LlamaModel.build(spec, weights, root), root, inbox);
            last = e;
            return e;
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
    }

    /**
     * Warms the process up once, before the first run: builds the model in a scratch manager and
     * runs one untimed pass of {@code grid} (as {@code aiosim calibrate} does before measuring),
     * so that the first steps of a measured run do not pay for JIT compilation and for mapping the
     * allocator's peak memory (3-8x slower first steps on these VMs). Later calls do nothing.
     *
     * @return wall nanoseconds the warm-up took (0 when it had been done)
     */
    public synchronized long warmUp(Calibrate.Grid grid) {
        if (warmedUp) {
            return 0;
        }
        long t0 = System.nanoTime();
        Torch.start(threads);
        try (NDManager root = Torch.newManager(); LlamaModel model = LlamaModel.build(spec, weights, root)) {
            Calibrate.warmUp(model, root, grid);
        }
        warmedUp = true;
        return System.nanoTime() - t0;
    }

    /** The engines of the latest run, or null before the first. */
    public DjlEngines last() {
        return last;
    }

    public LlamaSpec spec() {
        return spec;
    }

    /** The model's weights (seeded or a checkpoint). */
    public WeightSource weights() {
        return weights;
    }
}
