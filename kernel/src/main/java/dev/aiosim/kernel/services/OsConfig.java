package dev.aiosim.kernel.services;

import dev.aiosim.kernel.access.AccessRule;
import dev.aiosim.kernel.memory.MemoryConfig;
import dev.aiosim.kernel.storage.StorageConfig;
import java.util.List;

/**
 * Which agent-OS services a kernel runs besides scheduling, and their settings.
 *
 * @param memory the memory manager's settings, or null for none (memory calls keep their own latency)
 * @param storage the storage manager's settings, or null for none (storage calls keep their own latency)
 * @param access the access rules (empty: every agent reaches only its own data, and any tool)
 * @param contextWindowTokens the model's context window in tokens, 0 for none
 * @param reported whether the run's results carry the services' figures (per-agent counts in
 *     {@link dev.aiosim.kernel.metrics.AgentRecord#services()}, the service columns): the spec
 *     declares one of the services
 */
public record OsConfig(MemoryConfig memory, StorageConfig storage, List<AccessRule> access, long contextWindowTokens,
                       boolean reported) {
    /** No managers, no sharing, no window: the kernel as it was before these services. */
    public static final OsConfig NONE = new OsConfig(null, null, List.of(), 0, false);

    /** Reported when any manager runs or any rule is given. */
    public OsConfig(MemoryConfig memory, StorageConfig storage, List<AccessRule> access, long contextWindowTokens) {
        this(memory, storage, access, contextWindowTokens, memory != null || storage != null || !access.isEmpty());
    }

    public OsConfig {
        access = List.copyOf(access);
        if (contextWindowTokens < 0) {
            throw new IllegalArgumentException("contextWindowTokens must be >= 0 (0 = none), got " + contextWindowTokens);
        }
    }
}
