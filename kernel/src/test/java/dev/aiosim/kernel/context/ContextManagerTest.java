package dev.aiosim.kernel.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextManagerTest {
    @Test
    void swapUsesHostSpaceAndFallsBackWhenFull() {
        ContextManager cm = new ContextManager(PreemptionMode.SWAP, 100, 250);
        ContextSnapshot a = cm.take(1, 2, 0);
        assertThat(a.mode()).isEqualTo(PreemptionMode.SWAP);
        assertThat(a.bytes()).isEqualTo(200);
        ContextSnapshot b = cm.take(2, 1, 0);
        assertThat(b.mode()).isEqualTo(PreemptionMode.RECOMPUTE);
        assertThat(cm.counters().swapFallbacks()).isEqualTo(1);
        assertThat(cm.hostUsedBytes()).isEqualTo(200);
        assertThat(cm.restore(a)).isEqualTo(200);
        assertThat(cm.restore(b)).isZero();
        assertThat(cm.hostUsedBytes()).isZero();
        assertThat(cm.counters().bytesIn()).isEqualTo(cm.counters().bytesOut()).isEqualTo(200);
        assertThat(cm.counters().recomputedTokens()).isEqualTo(1);
        assertThat(cm.counters().snapshots()).isEqualTo(2);
    }

    @Test
    void recomputeKeepsNothing() {
        ContextManager cm = new ContextManager(PreemptionMode.RECOMPUTE, 100, 1_000_000);
        ContextSnapshot s = cm.take(1, 7, 5);
        assertThat(s.bytes()).isZero();
        assertThat(cm.hostUsedBytes()).isZero();
        cm.restore(s);
        assertThat(cm.counters().recomputes()).isEqualTo(1);
        assertThat(cm.counters().recomputedTokens()).isEqualTo(7);
        assertThat(cm.counters().swapOuts()).isZero();
    }
}
