package dev.aiosim.schedulers;

import static dev.aiosim.schedulers.Harness.MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.fault.FaultPlan;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.sim.Simulation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact schedules under one crash, by hand: engines of 1 ms steps; a call of 10 prompt tokens and
 * 20 output tokens starts at 0 on engine 0, which crashes at 5.5 ms (5 tokens done, the step in
 * flight void) and is down for 100 ms.
 */
class FaultScheduleTest {
    private static final long CRASH = 5 * MS + MS / 2;

    private static FaultPlan plan(boolean redispatch, int maxLosses, double toolFailure) {
        return new FaultPlan(List.of(new FaultPlan.Crash(0, CRASH, 100 * MS)), 0, 0, redispatch, false, maxLosses,
                toolFailure, 2, 10 * MS, 2);
    }

    private static Harness run(FaultPlan plan, AgentArrival... agents) {
        KernelConfig two = new KernelConfig(Collections.nCopies(2,
                Harness.constantEngine(4, 1000, PreemptionMode.SWAP, 1, 1000, 1e9)), "round-robin", 0, 0, 0);
        Harness h = new Harness();
        Simulation sim = new Simulation(two, Harness.policy("fifo", Map.of()), Harness.source(List.of(agents)), h, Slo.NONE,
                Long.MAX_VALUE, null);
        sim.kernel().injectFaults(plan, 1);
        h.metrics = sim.run();
        return h;
    }

    @Test
    void redispatchedCallRecomputesItsContextOnTheOtherEngine() {
        Harness h = run(plan(true, 0, 0), Harness.agent(0, 0, 0, new LlmCall(10, 20, 0)));
        CallRecord c = h.calls.get(0);
        assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(c.engine()).isEqualTo(1);
        assertThat(c.generatedTokens()).isEqualTo(20);
        assertThat(c.recomputedTokens()).as("prompt + 5 generated").isEqualTo(15);
        // re-admitted at 5.5 ms: the recompute prefill gives token 6 at 6.5 ms, token 20 at 20.5 ms
        assertThat(c.completedAt()).isEqualTo(20 * MS + MS / 2);
        RunMetrics m = h.metrics;
        assertThat(m.faults().crashes).isEqualTo(1);
        assertThat(m.faults().callsLost).isEqualTo(1);
        assertThat(m.faults().redispatched).isEqualTo(1);
        assertThat(m.faults().recovered).isEqualTo(1);
        assertThat(m.makespanNanos()).as("the run ends with the agent; engine 0 is still down").isEqualTo(20 * MS + MS / 2);
        assertThat(m.faults().downNanos).isEqualTo(15 * MS);
    }

    @Test
    void withoutRedispatchTheCallWaitsForTheRestart() {
        Harness h = run(plan(false, 0, 0), Harness.agent(0, 0, 0, new LlmCall(10, 20, 0)));
        CallRecord c = h.calls.get(0);
        assertThat(c.engine()).isZero();
        assertThat(c.completedAt()).isEqualTo(CRASH + 100 * MS + 15 * MS);
        assertThat(h.metrics.faults().restarts).isEqualTo(1);
        assertThat(h.metrics.faults().downNanos).isEqualTo(100 * MS);
    }

    @Test
    void aCallLostOnceTooOftenFailsAndItsAgentGoesOn() {
        Harness h = run(plan(true, 1, 0), Harness.agent(0, 0, 0, new LlmCall(10, 20, 0), new LlmCall(5, 3, 0)));
        List<CallRecord> calls = h.callsById();
        assertThat(calls.get(0).status()).isEqualTo(CallStatus.FAILED);
        assertThat(calls.get(0).generatedTokens()).isEqualTo(5);
        assertThat(calls.get(1).status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(calls.get(1).engine()).as("dispatched to the engine that is up").isEqualTo(1);
        assertThat(h.metrics.llmFailed()).isEqualTo(1);
        assertThat(h.agents).hasSize(1);
        assertThat(h.agents.get(0).finished()).isTrue();
    }

    @Test
    void aToolCallThatAlwaysFailsIsRetriedWithBackoffThenFails() {
        Harness h = run(new FaultPlan(List.of(), 0, 0, true, false, 0, 1.0, 3, 10 * MS, 2),
                Harness.agent(0, 0, 0, new ToolCall("t", 5 * MS), new LlmCall(5, 1, 0)));
        // attempts end at 5, 5+10+5 = 20, 20+20+5 = 45 ms; then the LLM call is submitted
        assertThat(h.calls.get(0).submittedAt()).isEqualTo(45 * MS);
        assertThat(h.metrics.faults().toolAttemptsFailed).isEqualTo(3);
        assertThat(h.metrics.faults().toolRetries).isEqualTo(2);
        assertThat(h.metrics.faults().toolFailed).isEqualTo(1);
        assertThat(h.metrics.otherCompleted()).isEqualTo(1);
    }
}
