package dev.aiosim.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.engine.packing.Sarathi;
import dev.aiosim.kernel.engine.packing.StepPacking;
import dev.aiosim.kernel.engine.packing.VllmV1;
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
                .hostSwapBytes(900).pcieBytesPerSec(2e6).costModel(COST).prefixCache(true).packing(new Sarathi(64)).build())
                .isEqualTo(new EngineConfig(3, 50, 7, PreemptionMode.SWAP, 900, 2e6, COST, true, new Sarathi(64)));
    }

    @Test
    void requiredFieldsLeftOutAreNamed() {
        assertThatThrownBy(() -> EngineConfig.builder().kvTokens(100).costModel(COST).build())
                .hasMessage("max-batch must be >= 1, got 0");
        assertThatThrownBy(() -> EngineConfig.builder().slots(1).costModel(COST).build())
                .hasMessageStartingWith("KV capacity must be >= 1 token, got 0");
        assertThatThrownBy(() -> EngineConfig.builder().slots(1).kvTokens(100).build())
                .hasMessage("preemption mode, cost model and step packing are required");
    }

    @Test
    void aTokenBudgetMustCoverOneDecodePerSlot() {
        assertThat(EngineConfig.builder().slots(8).kvTokens(100).costModel(COST).build().packing())
                .isEqualTo(StepPacking.DEFAULT);
        assertThat(EngineConfig.builder().slots(8).kvTokens(100).costModel(COST).packing(new VllmV1(8)).build().packing())
                .isEqualTo(new VllmV1(8));
        assertThatThrownBy(() -> EngineConfig.builder().slots(8).kvTokens(100).costModel(COST).packing(new VllmV1(7)).build())
                .hasMessage("the vllm-v1 token budget (7) must be >= max-batch (8): every running call must fit one decode"
                        + " token in a step");
    }
}
