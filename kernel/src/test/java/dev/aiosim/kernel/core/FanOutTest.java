package dev.aiosim.kernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A fan-out submits its children at one instant and hands the program one joined result. */
class FanOutTest {
    static final long STEP = 1000;

    /** Issues the given syscalls in order and keeps every result it is given. */
    private static final class Recording implements Program {
        final Iterator<Syscall> calls;
        final List<SyscallResult> results = new ArrayList<>();

        Recording(Syscall... calls) {
            this.calls = List.of(calls).iterator();
        }

        @Override
        public Syscall next(SyscallResult previous) {
            if (previous != null) {
                results.add(previous);
            }
            return calls.hasNext() ? calls.next() : null;
        }
    }

    private static final class Rows implements MetricsSink {
        final List<CallRecord> calls = new ArrayList<>();
        final List<AgentRecord> agents = new ArrayList<>();

        @Override public void call(CallRecord r) { calls.add(r); }
        @Override public void agent(AgentRecord r) { agents.add(r); }
    }

    private static RunMetrics run(Rows rows, int slots, long kv, long horizon, Program... programs) {
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(kv)
                .costModel(new ConstantCostModel(STEP)).build();
        List<AgentArrival> arrivals = new ArrayList<>();
        for (int i = 0; i < programs.length; i++) {
            arrivals.add(new AgentArrival(0, new AgentProcess(i, "a" + i, 0, 1, "g", programs[i])));
        }
        Iterator<AgentArrival> it = arrivals.iterator();
        return new Simulation(KernelConfig.of(1, e), id -> TestPolicy.fifo(), () -> it.hasNext() ? it.next() : null, rows,
                Slo.NONE, horizon, null).run();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void childrenBatchTogetherAndTheNextCallStartsAtTheLastChildsEnd(int k) {
        List<Syscall> children = new ArrayList<>();
        int sumOut = 0;
        int maxOut = 0;
        for (int i = 0; i < k; i++) {
            int out = 2 + 3 * i; // distinct lengths: 2, 5, 8, ...
            children.add(new LlmCall(10 + i, out));
            sumOut += out;
            maxOut = Math.max(maxOut, out);
        }
        FanOut fan = new FanOut(children);
        LlmCall join = new LlmCall(50, 4);
        Recording p = new Recording(fan, join);
        Rows rows = new Rows();
        RunMetrics m = run(rows, 8, 10_000, Long.MAX_VALUE, p);

        // all k children are admitted in the first step at t = 0 and each gains one token per step
        List<CallRecord> byId = new ArrayList<>(rows.calls);
        byId.sort((a, b) -> Long.compare(a.callId(), b.callId()));
        assertThat(byId).hasSize(k + 1);
        for (int i = 0; i < k; i++) {
            CallRecord c = byId.get(i);
            assertThat(c.submittedAt()).isZero();
            assertThat(c.firstAdmittedAt()).isZero();
            assertThat(c.promptTokens()).isEqualTo(10 + i);
            assertThat(c.completedAt()).isEqualTo((2 + 3 * i) * STEP);
            assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
        }
        long last = maxOut * STEP;
        // the program hears back once for the fan-out, then once for the join call
        assertThat(p.results).hasSize(2);
        assertThat(p.results.get(0)).isEqualTo(new SyscallResult(fan, 0, last, SyscallResult.Status.COMPLETED, sumOut));
        CallRecord joined = byId.get(k);
        assertThat(joined.submittedAt()).isEqualTo(last);
        assertThat(joined.firstAdmittedAt()).isEqualTo(last);
        assertThat(joined.completedAt()).isEqualTo(last + 4 * STEP);
        assertThat(p.results.get(1).completedAt()).isEqualTo(last + 4 * STEP);
        assertThat(rows.agents).singleElement().satisfies(a -> {
            assertThat(a.llmCalls()).isEqualTo(k + 1);
            assertThat(a.otherCalls()).isZero();
            assertThat(a.finishedAt()).isEqualTo(last + 4 * STEP);
        });
        assertThat(m.llmCompleted()).isEqualTo(k + 1);
    }

    @Test
    void aToolChildCountsAsAnOtherCallAndTheJoinWaitsForTheSlowest() {
        FanOut fan = new FanOut(List.of(new LlmCall(10, 3), new ToolCall("search", 7 * STEP + 1)));
        Recording p = new Recording(fan);
        Rows rows = new Rows();
        RunMetrics m = run(rows, 8, 10_000, Long.MAX_VALUE, p);
        assertThat(p.results).containsExactly(new SyscallResult(fan, 0, 7 * STEP + 1, SyscallResult.Status.COMPLETED, 3));
        assertThat(rows.agents.get(0).llmCalls()).isEqualTo(1);
        assertThat(rows.agents.get(0).otherCalls()).isEqualTo(1);
        assertThat(m.otherCompleted()).isEqualTo(1);
    }

    @Test
    void aRejectedChildMakesTheFanOutRejectedOnceTheOthersEnd() {
        // KV of 100 tokens: a 200-token prompt can never fit and is rejected at once
        FanOut fan = new FanOut(List.of(new LlmCall(200, 5), new LlmCall(10, 6), new LlmCall(20, 2)));
        Recording p = new Recording(fan, new LlmCall(5, 1));
        Rows rows = new Rows();
        RunMetrics m = run(rows, 8, 100, Long.MAX_VALUE, p);
        assertThat(p.results.get(0)).isEqualTo(new SyscallResult(fan, 0, 6 * STEP, SyscallResult.Status.REJECTED, 8));
        assertThat(m.llmRejected()).isEqualTo(1);
        assertThat(m.llmCompleted()).isEqualTo(3); // two children and the call after the fan-out
        assertThat(rows.calls.stream().filter(c -> c.status() == CallStatus.REJECTED).toList())
                .singleElement().satisfies(c -> assertThat(c.promptTokens()).isEqualTo(200));
    }

    @Test
    void aFanOutOfOnlyRejectedChildrenEndsAtOnce() {
        FanOut fan = new FanOut(List.of(new LlmCall(200, 5), new LlmCall(300, 6)));
        Recording p = new Recording(fan);
        Rows rows = new Rows();
        RunMetrics m = run(rows, 8, 100, Long.MAX_VALUE, p);
        assertThat(p.results).containsExactly(new SyscallResult(fan, 0, 0, SyscallResult.Status.REJECTED, 0));
        assertThat(m.llmRejected()).isEqualTo(2);
        assertThat(rows.agents.get(0).finishedAt()).isZero();
    }

    @Test
    void childrenStillRunningAtTheHorizonAreUnfinishedAndReportedOnce() {
        FanOut fan = new FanOut(List.of(new LlmCall(10, 3), new LlmCall(10, 50), new LlmCall(10, 40)));
        Recording p = new Recording(fan, new LlmCall(5, 1));
        Rows rows = new Rows();
        RunMetrics m = run(rows, 8, 10_000, 20 * STEP, p); // finish() checks the end-of-run invariants
        assertThat(p.results).isEmpty();
        assertThat(rows.calls).hasSize(3);
        assertThat(rows.calls.stream().map(CallRecord::callId).distinct().count()).isEqualTo(3);
        assertThat(m.llmCompleted()).isEqualTo(1);
        assertThat(m.llmUnfinished()).isEqualTo(2);
        assertThat(rows.agents).singleElement().satisfies(a -> assertThat(a.finished()).isFalse());
    }

    @Test
    void childrenShareSlotsWithOtherAgentsInArrivalOrder() {
        // one slot: the children and the other agent's call run one after another
        FanOut fan = new FanOut(List.of(new LlmCall(10, 2), new LlmCall(10, 3)));
        Recording a = new Recording(fan);
        Recording b = new Recording(new LlmCall(10, 4));
        Rows rows = new Rows();
        run(rows, 1, 10_000, Long.MAX_VALUE, a, b);
        // queue order: a's two children (pid 0 arrives first), then b's call
        assertThat(a.results.get(0).completedAt()).isEqualTo(5 * STEP);
        assertThat(b.results.get(0).completedAt()).isEqualTo(9 * STEP);
    }

    @Test
    void emptyOrNestedFanOutsAreRefused() {
        assertThatThrownBy(() -> new FanOut(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        FanOut inner = new FanOut(List.of(new LlmCall(1, 1)));
        assertThatThrownBy(() -> new FanOut(List.of(new LlmCall(1, 1), inner)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("call 1 is itself a fan-out");
        assertThatThrownBy(() -> new FanOut(Collections.singletonList(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        List<Syscall> mutable = new ArrayList<>(List.of(new LlmCall(1, 1)));
        FanOut f = new FanOut(mutable);
        mutable.add(new LlmCall(2, 2));
        assertThat(f.calls()).hasSize(1);
    }
}
