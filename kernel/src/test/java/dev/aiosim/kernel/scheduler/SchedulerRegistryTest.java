package dev.aiosim.kernel.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.testing.PolicySamples;
import dev.aiosim.kernel.testing.PolicySamples.PolicySample;
import dev.aiosim.kernel.testing.TestPolicyProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy declarations: checked once, read without building a scheduler, and the source of the sample runs. */
class SchedulerRegistryTest {
    private static final PolicyInfo TWO_PARAMS = new PolicyInfo("two", "two parameters", List.of(
            PolicyParameter.of("a", "first", "1", "2"), PolicyParameter.of("b", "second", "x")), true);

    /** A provider whose factory must never be called. */
    private record DeclarationOnly(PolicyInfo info) implements SchedulerProvider {
        @Override
        public SchedulerFactory factory(Map<String, String> params) {
            throw new AssertionError("built " + info.name());
        }
    }

    @Test
    void policiesAreListedFromTheirDeclarationsWithoutBuildingOne() {
        SchedulerRegistry r = SchedulerRegistry.of(List.of(new DeclarationOnly(TWO_PARAMS), new TestPolicyProvider()));
        assertThat(r.policies()).containsExactly(TestPolicyProvider.INFO, TWO_PARAMS);
        assertThat(r.policies().get(1).clairvoyant()).isTrue();
        assertThat(r.policies().get(1).parameterNames()).isEqualTo("a, b");
    }

    @Test
    void onlyDeclaredParametersAreBoundAndASchedulerCarriesItsProvidersDeclaration() {
        SchedulerRegistry r = SchedulerRegistry.of(List.of(new TestPolicyProvider()));
        assertThatThrownBy(() -> r.factory("test-queue", Map.of("quantum", "3")))
                .hasMessage("policy 'test-queue' has no parameter 'quantum'; it accepts: end");
        Scheduler s = r.factory("test-queue", Map.of("end", "tail")).create(0);
        assertThat(s.info()).isEqualTo(TestPolicyProvider.INFO);
        assertThat(s.name()).isEqualTo("test-queue");
        assertThat(s.clairvoyant()).isFalse();
        assertThatThrownBy(() -> r.get("sjf")).hasMessage("unknown policy 'sjf'; known policies: test-queue");
    }

    @Test
    void twoProvidersOfOneNameAreRefused() {
        assertThatThrownBy(() -> SchedulerRegistry.of(List.of(new TestPolicyProvider(), new DeclarationOnly(TestPolicyProvider.INFO))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two policies named 'test-queue'");
    }

    @Test
    void declarationsAreChecked() {
        assertThatThrownBy(() -> PolicyInfo.of("Bad Name", "d")).hasMessageContaining("got 'Bad Name'");
        assertThatThrownBy(() -> PolicyInfo.of("p", " ")).hasMessageContaining("policy 'p' needs a description");
        assertThatThrownBy(() -> PolicyInfo.of("p", "d", PolicyParameter.of("a", "x", "1"), PolicyParameter.of("a", "y", "2")))
                .hasMessageContaining("declares a parameter twice");
        assertThatThrownBy(() -> PolicyParameter.of("a", "no samples"))
                .hasMessageContaining("policy parameter 'a' needs at least one sample value");
        assertThat(PolicyInfo.of("p", "d").parameterNames()).isEqualTo("none");
        assertThat(TWO_PARAMS.parameter("b")).map(PolicyParameter::samples).contains(List.of("x"));
        assertThat(TWO_PARAMS.parameter("c")).isEmpty();
    }

    @Test
    void samplesAreTheDefaultsThenEachSampleOfEachParameterAlone() {
        assertThat(PolicySamples.of(List.of(PolicyInfo.of("plain", "d"), TWO_PARAMS))).containsExactly(
                new PolicySample("plain", Map.of()),
                new PolicySample("two", Map.of()),
                new PolicySample("two", Map.of("a", "1")),
                new PolicySample("two", Map.of("a", "2")),
                new PolicySample("two", Map.of("b", "x")));
        assertThat(new PolicySample("two", Map.of("b", "x", "a", "1"))).hasToString("two(a=1,b=x)");
    }
}
