package dev.aiosim.schedulers.sjf;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.length.OutputRanking;
import java.util.Map;

/**
 * Registers {@link SjfScheduler} as {@code sjf}. Its clairvoyance depends on the parameters
 * ({@code flavour: oracle} or {@code predictor: noisy} read true lengths), so it overrides
 * {@link SchedulerProvider#clairvoyant(Map)}; {@link PolicyInfo#clairvoyant()} says false, the
 * default flavour's.
 */
public final class SjfProvider implements SchedulerProvider {
    static final PolicyInfo INFO = new PolicyInfo("sjf",
            "shortest job first by output length, non-preemptive (preempts only on KV exhaustion);"
                    + " flavour oracle (true lengths) or predicted (agent history, or a noisy oracle)",
            OutputRanking.PARAMETERS, false);

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public boolean clairvoyant(Map<String, String> params) {
        return OutputRanking.parse(INFO.name(), params).clairvoyant();
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        OutputRanking ranking = OutputRanking.parse(INFO.name(), params);
        return engine -> new SjfScheduler(ranking);
    }
}
