package org.example.policy;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.util.Map;

/**
 * Registers {@link ShortestPromptFirstScheduler} as {@code shortest-prompt-first}. aiosim finds
 * this class through {@code META-INF/services/dev.aiosim.kernel.scheduler.SchedulerProvider}; it
 * needs a public no-argument constructor.
 */
public final class ShortestPromptFirstProvider implements SchedulerProvider {
    /** The one declaration of the policy: name, description, parameters (none), not clairvoyant. */
    static final PolicyInfo INFO = PolicyInfo.of("shortest-prompt-first",
            "non-preemptive, the waiting call with the fewest prompt tokens first (ties: earlier submission);"
                    + " an example plug-in");

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        // no parameters are declared, so aiosim passes none; one per engine, never shared
        return engine -> new ShortestPromptFirstScheduler();
    }
}
