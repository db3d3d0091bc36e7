package dev.aiosim.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.kernel.testing.PolicySamples;
import dev.aiosim.kernel.testing.PolicySamples.PolicySample;
import dev.aiosim.kernel.testing.TestPolicyProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The invariant, determinism and cancellation suites take their policies from the registry, not
 * from a list: {@code test-queue}, registered only in this module's
 * {@code src/test/resources/META-INF/services}, is among their parameters with its declared sample,
 * though no test names it. And every scheduler declares exactly what its provider declares.
 */
class RegistryDrivenSuitesTest {
    private static final PolicySample TEST_DEFAULT = new PolicySample("test-queue", Map.of());
    private static final PolicySample TEST_SAMPLE = new PolicySample("test-queue", Map.of("end", "tail"));

    private static Set<PolicySample> policiesOf(Supplier<Stream<Arguments>> source) {
        return source.get().map(a -> (PolicySample) a.get()[0]).collect(Collectors.toSet());
    }

    @Test
    void theTestOnlyPolicyIsRegisteredBesideTheRealOnes() {
        assertThat(SchedulerRegistry.load().providers()).containsKeys("fifo", "rr", "priority", "test-queue");
        assertThat(SchedulerRegistry.load().get("test-queue")).isInstanceOf(TestPolicyProvider.class);
    }

    @Test
    void theInvariantAndDeterminismSuitesRunTheTestOnlyPolicyWithItsDefaultsAndItsSample() {
        for (Supplier<Stream<Arguments>> source : List.<Supplier<Stream<Arguments>>>of(RandomRunInvariantsTest::runs,
                RandomRunInvariantsTest::determinismRuns, PrefixCacheRandomRunsTest::runs,
                PrefixCacheRandomRunsTest::determinismRuns, FaultRandomRunsTest::runs, FaultRandomRunsTest::determinismRuns)) {
            assertThat(policiesOf(source)).contains(TEST_DEFAULT, TEST_SAMPLE)
                    .containsExactlyInAnyOrderElementsOf(PolicySamples.all());
        }
        assertThat(RemoveTest.policies()).contains(TEST_DEFAULT).doesNotContain(TEST_SAMPLE);
    }

    @Test
    void everyRegisteredPolicyIsRunWithEverySampleOfEveryParameter() {
        Set<PolicySample> run = policiesOf(RandomRunInvariantsTest::runs);
        for (PolicyInfo info : SchedulerRegistry.load().policies()) {
            assertThat(run).contains(new PolicySample(info.name(), Map.of()));
            info.parameters().forEach(p -> p.samples().forEach(v ->
                    assertThat(run).contains(new PolicySample(info.name(), Map.of(p.name(), v)))));
        }
        assertThat(run).contains(new PolicySample("rr", Map.of("quantum", "3")), new PolicySample("rr", Map.of("quantum", "5ms")),
                new PolicySample("priority", Map.of("aging", "20ms")));
    }

    @Test
    void everySchedulerDeclaresWhatItsProviderDeclares() {
        for (PolicySample sample : PolicySamples.all()) {
            SchedulerProvider provider = SchedulerRegistry.load().get(sample.policy());
            Scheduler s = sample.factory().create(0);
            assertThat(s.info()).as(sample.toString()).isEqualTo(provider.info());
            assertThat(s.name()).isEqualTo(sample.policy());
            assertThat(s.clairvoyant()).as(sample.toString()).isEqualTo(provider.clairvoyant(sample.params()));
        }
    }
}
