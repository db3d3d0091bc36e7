package dev.aiosim.kernel.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.cluster.Dispatcher;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    @Test
    void roundRobinCycles() {
        Dispatcher d = Dispatcher.named("round-robin");
        int[] picks = new int[7];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = d.pick(3, e -> 0);
        }
        assertThat(picks).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void leastLoadedPicksFewestWithLowestIndexOnTies() {
        Dispatcher d = Dispatcher.named("least-loaded");
        int[] load = {3, 1, 1, 4};
        assertThat(d.pick(4, e -> load[e])).isEqualTo(1);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Dispatcher.named("random")).hasMessageContaining("round-robin or least-loaded");
        assertThatThrownBy(() -> SchedulerRegistry.load().get("sjf")).hasMessageContaining("unknown policy 'sjf'");
    }
}
