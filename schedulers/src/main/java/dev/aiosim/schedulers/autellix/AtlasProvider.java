package dev.aiosim.schedulers.autellix;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.levels.MultiLevelScheduler;
import java.util.Map;

/**
 * Registers Autellix's ATLAS (adaptive thread-level attained service, Luo et al., 2025) as
 * {@code atlas}: a {@link MultiLevelScheduler} with the {@link ProgramServiceRule} of basis
 * {@code CRITICAL_PATH}. The paper's priority of a call is the largest over its parent calls of
 * (parent's priority + parent's service); aiosim's programs are sequences of calls and fan-outs,
 * so a call's parents are the previous call or all children of the previous fan-out, which gives
 * the critical path the kernel keeps per agent. Departure: the paper learns the DAG online from
 * threads of a program; here the fan-out structure is known to the kernel exactly.
 */
public final class AtlasProvider implements SchedulerProvider {
    static final PolicyInfo INFO = new PolicyInfo("atlas",
            "Autellix ATLAS (Luo et al., 2025): like plas, but a program's service is that of its critical path (a fan-out"
                    + " counts its longest call), so the parallel calls of a fan-out start at one priority",
            ProgramServiceRule.PARAMETERS, false);

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        ProgramServiceRule rule = ProgramServiceRule.parse(INFO.name(), ProgramServiceRule.Basis.CRITICAL_PATH, params);
        return engine -> new MultiLevelScheduler(INFO, rule);
    }
}
