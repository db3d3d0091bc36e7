package dev.aiosim.schedulers.autellix;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.levels.MultiLevelScheduler;
import java.util.Map;

/**
 * Registers Autellix's PLAS (program-level attained service, Luo et al., 2025) as {@code plas}: a
 * {@link MultiLevelScheduler} with the {@link ProgramServiceRule} of basis {@code PROGRAM}.
 */
public final class PlasProvider implements SchedulerProvider {
    static final PolicyInfo INFO = new PolicyInfo("plas",
            "Autellix PLAS (Luo et al., 2025): a call's queue comes from the engine time its agent's earlier calls"
                    + " received on every engine plus its own; least-served programs first, preemptive, anti-starvation",
            ProgramServiceRule.PARAMETERS, false);

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        ProgramServiceRule rule = ProgramServiceRule.parse(INFO.name(), ProgramServiceRule.Basis.PROGRAM, params);
        return engine -> new MultiLevelScheduler(INFO, rule);
    }
}
