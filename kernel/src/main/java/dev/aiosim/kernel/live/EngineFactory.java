package dev.aiosim.kernel.live;

import dev.aiosim.kernel.core.StepExecutor;
import dev.aiosim.kernel.time.EventTarget;
import java.util.function.Consumer;

/** Makes the engines of a live run: where the kernel's steps are carried out. */
@FunctionalInterface
public interface EngineFactory {
    /**
     * @param engines number of engines
     * @param clock the run's clock
     * @param inbox the kernel's inbox, where step ends must be posted
     * @return the step executor; closed at the end of the run if it is {@link AutoCloseable}
     */
    StepExecutor create(int engines, VirtualClock clock, Inbox<EventTarget> inbox);

    /**
     * Emulated engines taking the cost model's step time on the (dilated) wall clock; the warning
     * that the dilation is too high for the runtime's overhead goes to stderr, once per message.
     */
    EngineFactory EMULATED = emulated(Warnings.STDERR_ONCE);

    /** Emulated engines whose warning (at most one per run) goes to {@code warnings}. */
    static EngineFactory emulated(Consumer<String> warnings) {
        return (engines, clock, inbox) -> new EmulatedEngines(engines, clock, inbox, warnings);
    }

    /**
     * A null engine: every step ends at once (its end is posted straight back to the inbox), so a
     * run measures the dispatch core alone.
     */
    EngineFactory IMMEDIATE = (engines, clock, inbox) -> (engine, now, nanos, end) -> inbox.offer(end);
}
