package dev.aiosim.schedulers.vtc;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.util.Locale;
import java.util.Map;

/**
 * Registers {@link VtcScheduler} as {@code vtc}: clients are groups unless {@code client: agent};
 * {@code input-weight} (w_p) defaults to 1 and {@code output-weight} (w_q) to 2, as in the paper.
 */
public final class VtcProvider implements SchedulerProvider {
    static final PolicyInfo INFO = PolicyInfo.of("vtc",
            "Virtual Token Counter fair queuing (Sheng et al., OSDI 2024): the backlogged client (group or agent) with the"
                    + " fewest weighted tokens served goes first; non-preemptive",
            PolicyParameter.of("client", "what a client is: group (the agent's group, default) or agent", "agent"),
            PolicyParameter.of("input-weight", "w_p: counter charge per prompt token at admission, >= 0; default 1", "0.5"),
            PolicyParameter.of("output-weight", "w_q: counter charge per generated token, >= 0; default 2", "1"));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        String client = params.getOrDefault("client", "group").trim().toLowerCase(Locale.ROOT);
        VtcScheduler.ClientKey key = switch (client) {
            case "group" -> VtcScheduler.ClientKey.GROUP;
            case "agent" -> VtcScheduler.ClientKey.AGENT;
            default -> throw new IllegalArgumentException("policy 'vtc' parameter 'client': expected group or agent, got '"
                    + params.get("client") + "'");
        };
        double wp = weight(params, "input-weight", 1);
        double wq = weight(params, "output-weight", 2);
        if (wp == 0 && wq == 0) {
            throw new IllegalArgumentException("policy 'vtc': input-weight and output-weight cannot both be 0");
        }
        return engine -> new VtcScheduler(key, wp, wq);
    }

    private static double weight(Map<String, String> params, String name, double fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        double w;
        try {
            w = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            w = Double.NaN;
        }
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("policy 'vtc' parameter '" + name + "': expected a finite number >= 0, got '"
                    + v + "'");
        }
        return w;
    }
}
