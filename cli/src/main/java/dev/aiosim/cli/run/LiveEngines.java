package dev.aiosim.cli.run;

import dev.aiosim.inference.calibrate.Calibrate;
import dev.aiosim.inference.live.DjlEngineFactory;
import dev.aiosim.kernel.live.EngineFactory;

/**
 * Which engines a live run steps: the emulated ones (the cost model's time on the wall clock) or
 * real ones, named with the model they run for {@code run.json}, and how real ones are warmed up
 * before the first run.
 *
 * @param name {@code emulated} or {@code djl}
 * @param model the model real engines run; null for emulated engines
 * @param factory makes the engines of each run
 * @param warmUpGrid the grid real engines run once, untimed, before the first run; null for none
 */
public record LiveEngines(String name, String model, EngineFactory factory, Calibrate.Grid warmUpGrid) {
    /** Emulated engines, as before real ones existed. */
    public static final LiveEngines EMULATED = new LiveEngines("emulated", null, EngineFactory.EMULATED, null);

    public boolean emulated() {
        return model == null;
    }

    /** Warms real engines up (once per process and factory); nothing for emulated ones or without a grid. */
    void warmUp() {
        if (warmUpGrid != null && factory instanceof DjlEngineFactory d) {
            d.warmUp(warmUpGrid);
        }
    }

    /** How the engines were warmed up, as run.json says it: {@code none}, {@code quick} or {@code full}. */
    String warmUpName() {
        return warmUpGrid == null ? "none" : warmUpGrid.name().toLowerCase(java.util.Locale.ROOT);
    }
}
