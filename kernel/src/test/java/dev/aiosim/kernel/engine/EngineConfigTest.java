package dev.aiosim.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.context.PreemptionMode;
import org.junit.jupiter.api.Test;

/** The builder fills the documented defaults and leaves the checks to the record. */
class EngineConfigTest {
    private static final CostModel COST = new ConstantCostModel(1000);

    @Test
    void unsetFieldsTakeTheDocumentedDefaults() {
        assertThat(EngineConfig.builder().slots(2).kvTokens(100).costModel(COST).build())
                .isEqualTo(new EngineConfig(2, 100, 1, PreemptionMode.RECOMPUTE, 0, 1e9, COST, false));
    }

    @Test
    void everyFieldCanBeSet() {
        assertThat(EngineConfig.builder().slots(3).kvTokens(50).kvBytesPerToken(7).preemption(PreemptionMode.SWAP)
                .hostSwapBytes(900).pcieBytesPerSec(2e6).costModel(COST).prefixCache(true).build())
                .isEqualTo(new EngineConfig(3, 50, 7, PreemptionMode.SWAP, 900, 2e6, COST, true));
    }

    @Test
    void requiredFieldsLeftOutAreNamed() {
        assertThatThrownBy(() -> EngineConfig.builder().kvTokens(100).costModel(COST).build())
                .hasMessage("max-batch must be >= 1, got 0");
        assertThatThrownBy(() -> EngineConfig.builder().slots(1).costModel(COST).build())
                .hasMessageStartingWith("KV capacity must be >= 1 token, got 0");
        assertThatThrownBy(() -> EngineConfig.builder().slots(1).kvTokens(100).build())
                .hasMessage("preemption mode and cost model are required");
    }
}
