package dev.aiosim.schedulers.srpt;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.length.OutputRanking;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers {@link SrptScheduler} as {@code srpt}: the ranking parameters of
 * {@link OutputRanking} plus {@code margin}. Clairvoyance depends on the parameters, as for
 * {@code sjf}.
 */
public final class SrptProvider implements SchedulerProvider {
    static final int MAX_MARGIN = 1_000_000;
    static final PolicyInfo INFO = new PolicyInfo("srpt",
            "shortest remaining processing time by output length, preemptive: a waiting call that does not fit"
                    + " preempts running calls with more than 'margin' tokens more left; flavour oracle or predicted",
            parameters(), false);

    private static List<PolicyParameter> parameters() {
        List<PolicyParameter> p = new ArrayList<>(OutputRanking.PARAMETERS);
        p.add(PolicyParameter.of("margin", "thrash guard: preempt a running call only if its remaining output exceeds the"
                + " waiting call's by more than this many tokens, 0 to " + MAX_MARGIN + "; default 0 (textbook SRPT)", "32"));
        return p;
    }

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public boolean clairvoyant(Map<String, String> params) {
        return OutputRanking.parse(INFO.name(), without(params)).clairvoyant();
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        OutputRanking ranking = OutputRanking.parse(INFO.name(), without(params));
        String m = params.get("margin");
        if (m != null && !m.trim().matches("[0-9]{1,7}")) {
            throw new IllegalArgumentException("policy 'srpt' parameter 'margin': expected a whole number of tokens from 0 to "
                    + MAX_MARGIN + ", got '" + m + "'");
        }
        int margin = (int) OutputRanking.number("policy 'srpt' parameter 'margin'", m, 0, 0, MAX_MARGIN);
        return engine -> new SrptScheduler(ranking, margin);
    }

    private static Map<String, String> without(Map<String, String> params) {
        if (!params.containsKey("margin")) {
            return params;
        }
        Map<String, String> copy = new java.util.HashMap<>(params);
        copy.remove("margin");
        return copy;
    }
}
