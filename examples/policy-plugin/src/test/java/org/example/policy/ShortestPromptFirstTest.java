package org.example.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.kernel.sim.Simulation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed schedule through aiosim's kernel. The constant cost model makes every engine
 * step (prefill or decode) last 1 ms and give each running call one token, so the times below can
 * be worked out on paper.
 */
class ShortestPromptFirstTest {
    private static final long MS = 1_000_000L;

    @Test
    void shorterPromptOvertakesAnEarlierLongerOne() {
        // one slot. A (prompt 30, 3 tokens) arrives at 0 and runs alone: tokens at 1, 2, 3 ms.
        // B (prompt 20, 2 tokens) and C (prompt 10, 1 token) arrive at 0.5 ms, B first.
        // At 3 ms the slot frees: C has the shorter prompt and goes first (token at 4 ms),
        // then B (tokens at 5 and 6 ms). FIFO would have finished B at 5 and C at 6.
        List<CallRecord> calls = run(List.of(
                arrival(0, 0, new LlmCall(30, 3)),
                arrival(1, MS / 2, new LlmCall(20, 2)),
                arrival(2, MS / 2, new LlmCall(10, 1))));

        assertEquals(List.of(3 * MS, 6 * MS, 4 * MS), calls.stream().map(CallRecord::completedAt).toList());
        assertEquals(List.of(0L, 3 * MS + MS / 2, 2 * MS + MS / 2), calls.stream().map(CallRecord::queueingNanos).toList());
        assertEquals(List.of(0, 0, 0), calls.stream().map(CallRecord::preemptions).toList());
    }

    @Test
    void theServiceFileRegistersThePolicy() {
        // what aiosim's --policy-path does: find the provider with ServiceLoader
        List<String> names = ServiceLoader.load(SchedulerProvider.class).stream()
                .map(p -> p.get().info().name()).toList();
        assertEquals(true, names.contains("shortest-prompt-first"), "found: " + names);
    }

    /** Runs the agents on one engine with one slot; returns the call records by call id. */
    private static List<CallRecord> run(List<AgentArrival> arrivals) {
        EngineConfig engine = EngineConfig.builder().slots(1).kvTokens(1_000).kvBytesPerToken(1)
                .preemption(PreemptionMode.RECOMPUTE).hostSwapBytes(0).pcieBytesPerSec(1e9)
                .costModel(new ConstantCostModel(MS)).build();
        List<CallRecord> calls = new ArrayList<>();
        MetricsSink sink = new MetricsSink() {
            @Override
            public void call(CallRecord record) {
                calls.add(record);
            }

            @Override
            public void agent(AgentRecord record) {
                // not needed here
            }
        };
        Iterator<AgentArrival> it = arrivals.iterator();
        new Simulation(KernelConfig.of(1, engine), new ShortestPromptFirstProvider().factory(Map.of()),
                () -> it.hasNext() ? it.next() : null, sink, Slo.NONE, Long.MAX_VALUE, null).run();
        calls.sort(Comparator.comparingLong(CallRecord::callId));
        return calls;
    }

    /** An agent that makes one LLM call and ends. */
    private static AgentArrival arrival(long pid, long at, LlmCall call) {
        boolean[] issued = {false};
        Program program = previous -> {
            if (issued[0]) {
                return null;
            }
            issued[0] = true;
            return call;
        };
        return new AgentArrival(at, new AgentProcess(pid, "agent-" + pid, 0, 1.0, "default", program));
    }
}
