package dev.aiosim.cli.run;

import dev.aiosim.kernel.live.EngineFactory;

/**
 * Which engines a live run steps: the emulated ones (the cost model's time on the wall clock) or
 * real ones, named with the model they run for {@code run.json}.
 *
 * @param name {@code emulated} or {@code djl}
 * @param model the model real engines run; null for emulated engines
 * @param factory makes the engines of each run
 */
public record LiveEngines(String name, String model, EngineFactory factory) {
    /** Emulated engines, as before real ones existed. */
    public static final LiveEngines EMULATED = new LiveEngines("emulated", null, EngineFactory.EMULATED);

    public boolean emulated() {
        return model == null;
    }
}
