package dev.aiosim.kernel.testing;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.PolicyParameter;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import java.util.Map;

/**
 * Registers {@link TestPolicy} as {@code test-queue} for a module's tests (a line in its
 * {@code src/test/resources/META-INF/services/dev.aiosim.kernel.scheduler.SchedulerProvider}), to
 * show that registry-driven suites pick up every registered policy with its sample parameters.
 */
public final class TestPolicyProvider implements SchedulerProvider {
    /** The test policy's declaration. */
    public static final PolicyInfo INFO = PolicyInfo.of("test-queue",
            "test only: a plain queue admitting from one end while slots and KV allow",
            PolicyParameter.of("end", "the end admissions come from: head (FIFO, the default) or tail (LIFO)", "tail"));

    @Override
    public PolicyInfo info() {
        return INFO;
    }

    @Override
    public SchedulerFactory factory(Map<String, String> params) {
        TestPolicy.Rule rule = switch (params.getOrDefault("end", "head")) {
            case "head" -> TestPolicy.FIFO;
            case "tail" -> TestPolicy.LIFO;
            default -> throw new IllegalArgumentException("policy 'test-queue' parameter 'end': expected head or tail, got '"
                    + params.get("end") + "'");
        };
        return engine -> new TestPolicy(INFO, rule);
    }
}
