package dev.aiosim.kernel.testing;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameter source of the registry-driven suites: every registered policy, with its defaults
 * and with each sample value its {@link PolicyInfo} declares, one parameter varied at a time. A
 * policy added to the registry (a test-only one included) is tested without any list edited.
 */
public final class PolicySamples {
    private PolicySamples() {}

    /** A policy to run and the parameters to bind; {@code toString} names both for test reports. */
    public record PolicySample(String policy, Map<String, String> params) {
        public PolicySample {
            params = Map.copyOf(params);
        }

        /** Binds the parameters through the registry, as a spec would. */
        public SchedulerFactory factory() {
            return SchedulerRegistry.load().factory(policy, params);
        }

        @Override
        public String toString() {
            return params.isEmpty() ? policy : policy + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .sorted().collect(Collectors.joining(",", "(", ")"));
        }
    }

    /** Every registered policy with its defaults and with each sample value. */
    public static List<PolicySample> all() {
        return of(SchedulerRegistry.load().policies());
    }

    /** Every registered policy with its defaults only. */
    public static List<PolicySample> defaults() {
        return SchedulerRegistry.load().policies().stream().map(p -> new PolicySample(p.name(), Map.of())).toList();
    }

    /** For each policy: its defaults, then each sample of each parameter alone, in declaration order. */
    public static List<PolicySample> of(List<PolicyInfo> policies) {
        List<PolicySample> out = new ArrayList<>();
        for (PolicyInfo p : policies) {
            out.add(new PolicySample(p.name(), Map.of()));
            for (PolicyParameter param : p.parameters()) {
                for (String sample : param.samples()) {
                    out.add(new PolicySample(p.name(), Map.of(param.name(), sample)));
                }
            }
        }
        return List.copyOf(out);
    }
}
