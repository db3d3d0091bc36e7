package dev.aiosim.schedulers.edf;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.schedulers.Params;
import java.util.Locale;
import java.util.Map;

/**
 * Registers {@link EdfScheduler} as {@code edf}: the deadline is submission plus {@code ttft} if
 * given, else plus {@code e2e} (default 10 s); giving both is an error. {@code preempt} defaults to false.
 */
public final class EdfProvider implements SchedulerProvider {
    static final long DEFAULT_E2E = 10_000_000_000L;

    static final PolicyInfo INFO = PolicyInfo.of("edf",
            "earliest deadline first; deadline = submission + ttft or e2e target; optionally preemptive",
            PolicyParameter.of("ttft", "deadline = submission + this time-to-first-token target (500ms); exclusive with e2e",
                    "3ms"),
            PolicyParameter.of("e2e", "deadline = submission + this end-to-end target (10s); the default, 10s", "50ms"),
            PolicyParameter.of("preempt", "true: an earlier-deadline waiting call displaces later-deadline running ones;"
                    + " default false", "true"));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        if (params.containsKey("ttft") && params.containsKey("e2e")) {
            throw new IllegalArgumentException("policy 'edf': give one of 'ttft' and 'e2e', not both");
        }
        Deadline d = params.containsKey("ttft")
                ? new Deadline(true, Params.duration(INFO.name(), params, "ttft", 0))
                : new Deadline(false, Params.duration(INFO.name(), params, "e2e", DEFAULT_E2E));
        String p = params.getOrDefault("preempt", "false").trim().toLowerCase(Locale.ROOT);
        boolean preempt = switch (p) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("policy 'edf' parameter 'preempt': expected true or false, got '"
                    + params.get("preempt") + "'");
        };
        return engine -> new EdfScheduler(d, preempt);
    }
}
