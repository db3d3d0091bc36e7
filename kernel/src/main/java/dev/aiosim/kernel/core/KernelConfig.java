package dev.aiosim.kernel.core;

import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.services.OsConfig;
import java.util.List;

/**
 * The cluster and resources one kernel runs.
 *
 * @param engines one configuration per engine
 * @param dispatcher {@code round-robin} or {@code least-loaded}
 * @param toolConcurrency concurrent tool calls, 0 = unlimited
 * @param memoryConcurrency concurrent memory calls, 0 = unlimited
 * @param storageConcurrency concurrent storage calls, 0 = unlimited
 * @param os the agent-OS services (memory, storage, access, context window)
 */
public record KernelConfig(List<EngineConfig> engines, String dispatcher, int toolConcurrency,
                           int memoryConcurrency, int storageConcurrency, OsConfig os) {
    /** A cluster without agent-OS services ({@link OsConfig#NONE}). */
    public KernelConfig(List<EngineConfig> engines, String dispatcher, int toolConcurrency, int memoryConcurrency,
                        int storageConcurrency) {
        this(engines, dispatcher, toolConcurrency, memoryConcurrency, storageConcurrency, OsConfig.NONE);
    }

    public KernelConfig {
        java.util.Objects.requireNonNull(os, "os");
        engines = List.copyOf(engines);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one engine");
        }
    }

    /** {@code n} identical engines, round-robin dispatch, unlimited resources. */
    public static KernelConfig of(int n, EngineConfig engine) {
        return new KernelConfig(java.util.Collections.nCopies(n, engine), "round-robin", 0, 0, 0);
    }

    /** This configuration with other agent-OS services. */
    public KernelConfig withOs(OsConfig services) {
        return new KernelConfig(engines, dispatcher, toolConcurrency, memoryConcurrency, storageConcurrency, services);
    }
}
