package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.schedulers.vtc.VtcScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed VTC schedules on one slot with a constant 1 ms step (each step gives every
 * running call one token). A call of 10 prompt tokens and 1 output token costs its client
 * 10 (w_p = 1, at admission) + 2 (w_q = 2, for its token) = 12, divided by the agent's weight.
 */
class VtcScheduleTest {
    private final List<VtcScheduler> made = new ArrayList<>();

    private SchedulerFactory vtc(Map<String, String> params) {
        SchedulerFactory f = Harness.policy("vtc", params);
        return engine -> {
            VtcScheduler s = (VtcScheduler) f.create(engine);
            made.add(s);
            return s;
        };
    }

    private static AgentArrival agent(long pid, long at, String group, double weight, LlmCall call) {
        return new AgentArrival(at, new AgentProcess(pid, "a" + pid, 0, weight, group, Harness.script(call)));
    }

    private static KernelConfig oneSlot() {
        return KernelConfig.of(1, Harness.constantEngine(1, 1_000, PreemptionMode.RECOMPUTE, 1, 0, 1e9));
    }

    /** Completion time in ms of each agent's call, by pid. */
    private static List<Long> completionsByPid(Harness h) {
        List<CallRecord> c = new ArrayList<>(h.calls);
        c.sort((a, b) -> Long.compare(a.agentPid(), b.agentPid()));
        return c.stream().map(r -> r.completedAt() / MS).toList();
    }

    private List<AgentArrival> heavyAndLight() {
        // heavy group H: agents 0-2 with one call (10 prompt, 3 output) each at 0; light L: agent 3 at 0.5 ms
        return List.of(agent(0, 0, "H", 1, new LlmCall(10, 3)), agent(1, 0, "H", 1, new LlmCall(10, 3)),
                agent(2, 0, "H", 1, new LlmCall(10, 3)), agent(3, MS / 2, "L", 1, new LlmCall(10, 3)));
    }

    @Test
    void theLightClientOvertakesTheHeavyClientsBacklog() {
        // H0 admitted at 0 (H = 10). L arrives at 0.5 ms while H is backlogged: lifted to H's 10.
        // At 3 ms H0 is done (H = 10 + 3 x 2 = 16 > L = 10): L runs 3-6 (L = 10 + 10 + 3 x 2 = 26),
        // then H1 6-9 and H2 9-12 (H = 3 x 16 = 48).
        Harness h = new Harness();
        h.run(oneSlot(), vtc(Map.of()), heavyAndLight(), Long.MAX_VALUE);
        assertThat(completionsByPid(h)).containsExactly(3L, 9L, 12L, 6L);
        assertThat(made.get(0).counters()).containsEntry("H", 48.0).containsEntry("L", 26.0);

        Harness fifo = new Harness();
        fifo.run(oneSlot(), Harness.policy("fifo", Map.of()), heavyAndLight(), Long.MAX_VALUE);
        assertThat(completionsByPid(fifo)).containsExactly(3L, 6L, 9L, 12L);
    }

    private List<Long> liftScenario(Map<String, String> params) {
        // H: agents 0-5, one call (10, 1) each at 0. L: agent 6 at 0, agents 7 and 8 at 3.5 ms.
        List<AgentArrival> a = new ArrayList<>();
        for (int pid = 0; pid < 6; pid++) {
            a.add(agent(pid, 0, "H", 1, new LlmCall(10, 1)));
        }
        a.add(agent(6, 0, "L", 1, new LlmCall(10, 1)));
        a.add(agent(7, 7 * MS / 2, "L", 1, new LlmCall(10, 1)));
        a.add(agent(8, 7 * MS / 2, "L", 1, new LlmCall(10, 1)));
        Harness h = new Harness();
        h.run(oneSlot(), vtc(params), a, Long.MAX_VALUE);
        return completionsByPid(h);
    }

    @Test
    void aClientBacklogggedAgainIsLiftedToTheSmallestBackloggedCounter() {
        // t=0 tie at 0, H0 first (earlier call): H=12 after its token. t=1 L6 (L=12, L leaves).
        // t=2 H1 (H=24), t=3 H2 (H=34 at admission). At 3.5 L7, L8 arrive: L is lifted from 12 to 34,
        // so it cannot spend the 22 it "saved" while idle: t=4 L7 (L=46), t=5 H3 (H=48), t=6 L8 (L=58),
        // then H4, H5. Without the lift L7 and L8 would both run before H3.
        assertThat(liftScenario(Map.of())).containsExactly(1L, 3L, 4L, 6L, 8L, 9L, 2L, 5L, 7L);
        assertThat(made.get(0).counters()).containsEntry("H", 72.0).containsEntry("L", 58.0);
    }

    @Test
    void clientPerAgentMakesEveryAgentItsOwnClient() {
        // every agent has one call: with a client per agent, each client leaves the queue when its only
        // call is admitted, the waiting ones all stay at 0 (agents 7 and 8 are lifted to the smallest
        // backlogged counter, 0), and ties go to the earlier call: arrival order, as fifo
        assertThat(liftScenario(Map.of("client", "agent"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(made.get(0).counters()).hasSize(9).containsEntry("agent-0", 12.0).containsEntry("agent-8", 12.0);
    }

    @Test
    void weightsShareTheServiceInProportion() {
        // G1's agents weigh 2 (a call costs G1 6), G2's 1 (12). Both have 4 calls at 0.
        // t=0 G1a (tie, earlier), t=1 G2a (0 < 6), t=2 G1b (6 < 12), t=3 G1c (12 = 12, earlier call),
        // t=4 G2b (12 < 18), t=5 G1d (18 < 24), then G2c, G2d: two G1 calls per G2 call.
        List<AgentArrival> a = new ArrayList<>();
        for (int pid = 0; pid < 8; pid++) {
            a.add(agent(pid, 0, pid < 4 ? "G1" : "G2", pid < 4 ? 2 : 1, new LlmCall(10, 1)));
        }
        Harness h = new Harness();
        h.run(oneSlot(), vtc(Map.of()), a, Long.MAX_VALUE);
        assertThat(completionsByPid(h)).containsExactly(1L, 3L, 4L, 6L, 2L, 5L, 7L, 8L);
        assertThat(made.get(0).counters()).containsEntry("G1", 24.0).containsEntry("G2", 48.0);
    }

    @Test
    void theTokenWeightsAreParametersAndRangeChecked() {
        // w_p = 0, w_q = 1: only output counts; in the lift scenario the counters end at 6 (H, one per call) and 4 (L: lifted to 2 at 3.5 ms, +2)
        liftScenario(Map.of("input-weight", "0", "output-weight", "1"));
        assertThat(made.get(0).counters()).containsEntry("H", 6.0).containsEntry("L", 4.0);
        assertThatThrownBy(() -> Harness.policy("vtc", Map.of("input-weight", "-1")))
                .hasMessage("policy 'vtc' parameter 'input-weight': expected a finite number >= 0, got '-1'");
        assertThatThrownBy(() -> Harness.policy("vtc", Map.of("output-weight", "x")))
                .hasMessageContaining("'output-weight': expected a finite number >= 0, got 'x'");
        assertThatThrownBy(() -> Harness.policy("vtc", Map.of("input-weight", "0", "output-weight", "0")))
                .hasMessageContaining("cannot both be 0");
        assertThatThrownBy(() -> Harness.policy("vtc", Map.of("client", "team")))
                .hasMessage("policy 'vtc' parameter 'client': expected group or agent, got 'team'");
    }
}
