package dev.aiosim.kernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.testing.TestPolicy;
import dev.aiosim.kernel.time.Timer;
import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attached (live) agents driven by hand on one thread: issue, exit and cancel, with the kernel's
 * slots, KV and counters checked after each cancellation. Deterministic: a hand-run timer.
 */
class KernelCancelTest {
    /** Runs wake-ups in time order, end-of-instant ones after the instant's timed ones. */
    private static final class HandTimer implements Timer {
        record Due(long time, long seq, EventTarget target) {}

        final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        final ArrayDeque<EventTarget> deferred = new ArrayDeque<>();
        final List<Due> fired = new ArrayList<>();
        long now;
        long seq;

        @Override public void at(long time, EventTarget target) { queue.add(new Due(time, seq++, target)); }
        @Override public void endOfInstant(EventTarget target) { deferred.add(target); }

        /** Runs everything due up to and including {@code t}. */
        void runUntil(long t) {
            while (true) {
                if (!deferred.isEmpty()) {
                    deferred.poll().fire(now);
                } else if (!queue.isEmpty() && queue.peek().time <= t) {
                    Due d = queue.poll();
                    fired.add(d);
                    now = d.time;
                    d.target.fire(now);
                } else {
                    break;
                }
            }
            now = Math.max(now, t);
        }

        /** Runs until nothing is left; now stays at the last event. */
        void runAll() {
            long before = now;
            runUntil(Long.MAX_VALUE);
            now = before;
            for (Due d : fired) {
                now = Math.max(now, d.time);
            }
        }
    }

    private final List<CallRecord> calls = new ArrayList<>();
    private final List<AgentRecord> agents = new ArrayList<>();
    private final HandTimer timer = new HandTimer();
    private RunMetrics metrics;
    private Kernel kernel;
    private TestPolicy fifo;

    @BeforeEach
    void setUp() {
        metrics = new RunMetrics(new MetricsSink() {
            @Override public void call(CallRecord r) { calls.add(r); }
            @Override public void agent(AgentRecord r) { agents.add(r); }
        }, Slo.NONE);
        fifo = TestPolicy.fifo();
        // one slot, 1 us per step
        EngineConfig e = EngineConfig.builder().slots(1).kvTokens(10_000)
                .costModel(new ConstantCostModel(1000)).build();
        kernel = new Kernel(KernelConfig.of(1, e), id -> fifo, metrics, timer);
    }

    private static AgentProcess agent(long pid) {
        return new AgentProcess(pid, "a" + pid, 0, 1, "g", prev -> {
            throw new AssertionError("an attached agent's program is never pulled");
        });
    }

    @Test
    void cancellingARunningCallFreesItsSlotForTheQueuedOne() {
        List<SyscallResult> toA = new ArrayList<>();
        List<SyscallResult> toB = new ArrayList<>();
        AgentRun a = kernel.attach(agent(0), toA::add, 0);
        AgentRun b = kernel.attach(agent(1), toB::add, 0);
        kernel.issue(a, new LlmCall(10, 100), 0);
        kernel.issue(b, new LlmCall(10, 3), 0);
        timer.runUntil(5_500); // a runs (5 steps done), b waits for the only slot
        assertThat(kernel.engines().get(0).running()).hasSize(1);
        assertThat(fifo.queued()).isEqualTo(1);

        kernel.cancel(a, timer.now);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.agentPid()).isZero();
            assertThat(c.status()).isEqualTo(CallStatus.CANCELLED);
            assertThat(c.generatedTokens()).isBetween(1, 99);
        });
        assertThat(kernel.engines().get(0).running()).isEmpty();
        assertThat(kernel.engines().get(0).kvUsed()).isZero();
        assertThat(agents).singleElement().satisfies(r -> assertThat(r.finished()).isFalse());

        timer.runAll(); // b is admitted into the freed slot and completes
        assertThat(toA).isEmpty();
        assertThat(toB).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
        kernel.exit(b, timer.now);
        kernel.finish(timer.now);
        assertThat(metrics.llmCancelled()).isEqualTo(1);
        assertThat(metrics.llmCompleted()).isEqualTo(1);
        assertThat(metrics.agentsFinished()).isEqualTo(1);
        assertThat(kernel.agentsAlive()).isZero();
    }

    @Test
    void cancellingAQueuedCallRemovesItFromThePolicyQueue() {
        List<SyscallResult> toA = new ArrayList<>();
        AgentRun a = kernel.attach(agent(0), toA::add, 0);
        AgentRun b = kernel.attach(agent(1), r -> {}, 0);
        kernel.issue(a, new LlmCall(10, 50), 0);
        kernel.issue(b, new LlmCall(10, 50), 0);
        timer.runUntil(2_500);
        kernel.cancel(b, timer.now);
        assertThat(fifo.queued()).isZero();
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.agentPid()).isEqualTo(1);
            assertThat(c.status()).isEqualTo(CallStatus.CANCELLED);
            assertThat(c.firstAdmittedAt()).isEqualTo(-1);
        });
        timer.runAll();
        assertThat(toA).hasSize(1);
        kernel.exit(a, timer.now);
        kernel.finish(timer.now); // invariants: submitted = completed + cancelled
        assertThat(metrics.llmSubmitted()).isEqualTo(2);
    }

    @Test
    void aCancelledAgentsToolResultIsDroppedAndCancellingTwiceDoesNothing() {
        List<SyscallResult> toA = new ArrayList<>();
        AgentRun a = kernel.attach(agent(0), toA::add, 0);
        kernel.issue(a, new ToolCall("search", 1_000_000), 0);
        kernel.cancel(a, 10);
        kernel.cancel(a, 20);
        kernel.exit(a, 30);
        timer.runAll();
        assertThat(toA).isEmpty();
        assertThat(agents).hasSize(1);
        assertThat(metrics.otherCompleted()).isEqualTo(1);
        kernel.finish(timer.now);
    }

    @Test
    void resultsOfAttachedAgentsGoToTheirConsumerInIssueOrder() {
        List<SyscallResult> got = new ArrayList<>();
        AgentRun a = kernel.attach(agent(0), got::add, 0);
        LlmCall first = new LlmCall(5, 2);
        kernel.issue(a, first, 0);
        timer.runAll();
        ToolCall second = new ToolCall("t", 500);
        kernel.issue(a, second, timer.now);
        timer.runAll();
        assertThat(got).extracting(SyscallResult::call).containsExactly(first, second);
        assertThat(got.get(0).outputTokens()).isEqualTo(2);
        kernel.exit(a, got.get(1).completedAt());
        assertThat(agents).singleElement().satisfies(r -> {
            assertThat(r.finished()).isTrue();
            assertThat(r.finishedAt()).isEqualTo(got.get(1).completedAt());
        });
    }
}
