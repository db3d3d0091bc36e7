package dev.aiosim.inference.live;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.Torch;
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
