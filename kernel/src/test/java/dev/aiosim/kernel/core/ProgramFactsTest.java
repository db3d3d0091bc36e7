package dev.aiosim.kernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The program-level facts a call view carries (Autellix's program table): the agent's attained
 * service over its completed calls on every engine, its queueing, its critical path through
 * fan-outs, the call's index and its fan-out. Checked at submission, with a constant 1 us step.
 */
class ProgramFactsTest {
    static final long S = 1000;

    /** What a policy saw of a call when it was enqueued. */
    record Seen(long id, int engine, int index, long fanOut, int fanOutSize, long serviceNanos, long serviceTokens,
                long queuedNanos, long criticalNanos) {}

    /** fifo, keeping what it was shown at each enqueue. */
    private static final class Recording implements Scheduler {
        final TestPolicy fifo = TestPolicy.fifo();
        final int engine;
        final List<Seen> seen;

        Recording(int engine, List<Seen> seen) {
            this.engine = engine;
            this.seen = seen;
        }

        @Override public PolicyInfo info() { return fifo.info(); }
        @Override public void requeue(CallView c, long now) { fifo.requeue(c, now); }
        @Override public int queued() { return fifo.queued(); }
        @Override public void decide(EngineView e, long now, Decision d) { fifo.decide(e, now, d); }

        @Override
        public void enqueue(CallView c, long now) {
            seen.add(new Seen(c.id(), engine, c.callIndex(), c.fanOutId(), c.fanOutSize(), c.agentServiceNanos(),
                    c.agentServiceTokens(), c.agentQueuedNanos(), c.agentCriticalPathNanos()));
            fifo.enqueue(c, now);
        }
    }

    private static final class Rows implements MetricsSink {
        final List<CallRecord> calls = new ArrayList<>();

        @Override public void call(CallRecord r) { calls.add(r); }
        @Override public void agent(AgentRecord r) {}
    }

    private static List<Seen> run(int engines, int slots, List<AgentArrival> arrivals) {
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(10_000).costModel(new ConstantCostModel(S)).build();
        List<Seen> seen = new ArrayList<>();
        Iterator<AgentArrival> it = arrivals.iterator();
        new Simulation(KernelConfig.of(engines, e), id -> new Recording(id, seen), () -> it.hasNext() ? it.next() : null,
                new Rows(), Slo.NONE, Long.MAX_VALUE, null).run();
        seen.sort((a, b) -> Long.compare(a.id(), b.id()));
        return seen;
    }

    private static AgentArrival agent(long pid, Syscall... calls) {
        Iterator<Syscall> it = List.of(calls).iterator();
        return new AgentArrival(0, new AgentProcess(pid, "a" + pid, 0, 1, "g", previous -> it.hasNext() ? it.next() : null));
    }

    @Test
    void serviceIsSummedOverEnginesAndAFanOutAddsItsLongestChildToTheCriticalPath() {
        // round-robin over two engines: A on 0 (0-3 us), the fan-out's LLM children on 1 (3-5 us) and
        // 0 (3-8 us) beside a tool call, then C on 1 at 8 us
        List<Seen> seen = run(2, 4, List.of(agent(0, new LlmCall(10, 3),
                new FanOut(List.of(new LlmCall(10, 2), new LlmCall(10, 5), new ToolCall("t", S))), new LlmCall(10, 1))));
        assertThat(seen).containsExactly(
                new Seen(0, 0, 0, -1, 0, 0, 0, 0, 0),
                new Seen(1, 1, 1, 0, 3, 3 * S, 13, 0, 3 * S),
                new Seen(2, 0, 2, 0, 3, 3 * S, 13, 0, 3 * S),
                // service 3 + 2 + 5 us on both engines; the critical path 3 + max(2, 5) us
                new Seen(3, 1, 3, -1, 0, 10 * S, 13 + 12 + 15, 0, 8 * S));
    }

    @Test
    void queueingOfCompletedCallsIsCountedAndFanOutsAreNumberedPerAgent() {
        // one engine, one slot: P (agent 0) runs 0-2 us while Q (agent 1) waits; Q runs 2-5 us;
        // agent 1's next call is a fan-out of two, its first, then a second fan-out of one
        List<Seen> seen = run(1, 1, List.of(agent(0, new LlmCall(10, 2)),
                agent(1, new LlmCall(10, 3), new FanOut(List.of(new LlmCall(5, 1), new LlmCall(5, 1))),
                        new FanOut(List.of(new LlmCall(5, 1))))));
        assertThat(seen).containsExactly(
                new Seen(0, 0, 0, -1, 0, 0, 0, 0, 0),
                new Seen(1, 0, 0, -1, 0, 0, 0, 0, 0),
                new Seen(2, 0, 1, 0, 2, 3 * S, 13, 2 * S, 3 * S),
                new Seen(3, 0, 2, 0, 2, 3 * S, 13, 2 * S, 3 * S),
                // the children ran 5-6 and (after waiting 1 us) 6-7 us: the path adds 1 us, the queueing 1 us
                new Seen(4, 0, 3, 1, 1, 5 * S, 25, 3 * S, 4 * S));
    }
}
