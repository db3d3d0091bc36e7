package dev.aiosim.kernel.core;

import dev.aiosim.kernel.engine.EngineConfig;
import java.util.List;

/**
 * The cluster and resources one kernel runs.
 *
 * @param engines one configuration per engine
 * @param dispatcher {@code round-robin} or {@code least-loaded}
 * @param toolConcurrency concurrent tool calls, 0 = unlimited
 * @param memoryConcurrency concurrent memory calls, 0 = unlimited
 * @param storageConcurrency concurrent storage calls, 0 = unlimited
 */
public record KernelConfig(List<EngineConfig> engines, String dispatcher, int toolConcurrency,
                           int memoryConcurrency, int storageConcurrency) {
    public KernelConfig {
        engines = List.copyOf(engines);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one engine");
        }
    }

    /** {@code n} identical engines, round-robin dispatch, unlimited resources. */
    public static KernelConfig of(int n, EngineConfig engine) {
        return new KernelConfig(java.util.Collections.nCopies(n, engine), "round-robin", 0, 0, 0);
    }
}
