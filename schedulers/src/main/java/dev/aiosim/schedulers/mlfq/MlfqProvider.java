package dev.aiosim.schedulers.mlfq;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.Params;
import dev.aiosim.schedulers.levels.MultiLevelScheduler;
import java.util.Map;

/**
 * Registers FastServe's skip-join MLFQ as {@code mlfq}. Defaults are those of the authors'
 * artifact (LLMServe/FastServe, {@code fastserve/scheduler.py}): a 10 ms top quantum, quanta
 * doubling per level, promotion after 3 s without running; its levels are unbounded, here 16 (the
 * last one's quantum unbounded, reached after 10 ms x (2^15 - 1), about 5.5 min, of service).
 */
public final class MlfqProvider implements SchedulerProvider {
    static final int DEFAULT_LEVELS = 16;
    static final long DEFAULT_QUANTUM = 10_000_000L;
    static final double DEFAULT_GROWTH = 2;
    static final long DEFAULT_STARVATION = 3_000_000_000L;

    static final PolicyInfo INFO = PolicyInfo.of("mlfq",
            "FastServe's skip-join multi-level feedback queue (Wu et al., 2023): a new call joins the level whose quantum"
                    + " covers its prefill, demotion when a level's quantum of engine time is used up, promotion of starved"
                    + " calls; preemptive at step boundaries",
            PolicyParameter.of("levels", "number of levels, 1 to 64 (the last has no quantum); default " + DEFAULT_LEVELS, "2"),
            PolicyParameter.of("quantum", "engine time a call may use at the top level (10ms, 500us); default 10ms", "2ms"),
            PolicyParameter.of("growth", "ratio of a level's quantum to the one above, 1 to 1000; default 2", "4"),
            PolicyParameter.of("starvation", "a call waiting this long since it last ran goes to the top level (3s); default 3s",
                    "20ms"));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        int levels = Params.whole(INFO.name(), params, "levels", DEFAULT_LEVELS, 1, MultiLevelScheduler.MAX_LEVELS);
        long quantum = Params.duration(INFO.name(), params, "quantum", DEFAULT_QUANTUM);
        double growth = Params.number(INFO.name(), params, "growth", DEFAULT_GROWTH, 1, 1000);
        long starvation = Params.duration(INFO.name(), params, "starvation", DEFAULT_STARVATION);
        SkipJoinRule rule = new SkipJoinRule(levels, quantum, growth, starvation);
        return engine -> new MultiLevelScheduler(INFO, rule);
    }
}
