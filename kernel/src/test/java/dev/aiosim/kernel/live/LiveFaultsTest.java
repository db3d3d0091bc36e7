package dev.aiosim.kernel.live;

import static dev.aiosim.kernel.live.LiveTesting.awaitParked;
import static dev.aiosim.kernel.live.LiveTesting.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.fault.FaultCounters;
import dev.aiosim.kernel.fault.FaultPlan;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.testing.TestPolicy;
import dev.aiosim.kernel.time.NanoClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Engine crashes in a live run: the kernel injects them on its wall-clock timer, voids the step in
 * flight on the engines' thread, and its calls recover once the engine (or another) runs them again.
 */
class LiveFaultsTest {

    /** Engine 0 crashes at 300 ms model time for 30 ms while it is busy; with and without redispatch. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCrashInTheMiddleOfALiveRunIsRecoveredAndEveryCallEndsOnce(boolean redispatch) throws Exception {
        int agents = 8; // as many as the cluster's slots: every call runs at once
        int callsEach = 3;
        // 1,000 steps of 1 ms per call: at the crash, 300 ms of model time after the start, every
        // first call has at most 300 of its tokens, so engine 0 is running calls (and a step)
        int output = 1_000;
        // dilation 2: the crash comes 150 ms of wall time after the start and each call runs 500 ms,
        // so a stall of the shared machine (a GC, other builds) shorter than about 350 ms cannot let
        // engine 0's calls finish before the crash is handled (at dilation 20 a 35 ms stall could)
        FaultPlan plan = new FaultPlan(List.of(new FaultPlan.Crash(0, 300_000_000, 30_000_000)), 0, 0, redispatch, false,
                0, 0, 1, 0, 1);
        HeldClock wall = new HeldClock();
        LiveTesting.Rows rows = new LiveTesting.Rows();
        LiveKernel k = new LiveKernel(cluster(2, 4, 1_000_000), id -> TestPolicy.fifo(), rows, Slo.NONE,
                LiveOptions.of(2).withFaults(plan, 1).withWallClock(wall));
        Queue<SyscallResult> results = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < agents; p++) {
            threads.add(k.spawn(new AgentProcess(p, "agent-" + p, 0, 1, "default", prev -> null), os -> {
                for (int i = 0; i < callsEach; i++) {
                    results.add(os.llm(16, output));
                }
            }));
        }
        k.sourceDone();
        for (Thread t : threads) {
            awaitParked(t); // in its first call, admitted at time 0, before time moves
        }
        wall.release();
        RunMetrics m = k.await(); // the kernel's end-of-run invariant checks passed, or this throws
        for (Thread t : threads) {
            t.join();
        }

        int calls = agents * callsEach;
        FaultCounters f = m.faults();
        assertThat(k.partial()).isFalse();
        assertThat(f.crashes).isEqualTo(1);
        assertThat(f.restarts).isEqualTo(1);
        assertThat(f.callsLost).as("calls running on engine 0 when it crashed").isPositive();
        assertThat(f.recovered).as("each lost call (lost once) completed later").isEqualTo(f.callsLost);
        assertThat(m.llmCompleted()).isEqualTo(calls);
        assertThat(m.llmFailed()).isZero();
        // every call ended exactly once, completed, with all its tokens: no voided step counted
        assertThat(rows.calls).hasSize(calls).extracting(CallRecord::status).containsOnly(CallStatus.COMPLETED);
        assertThat(rows.calls.stream().map(CallRecord::callId).distinct().count()).isEqualTo(calls);
        assertThat(results).hasSize(calls).allSatisfy(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.outputTokens()).isEqualTo(output);
        });
        assertThat(m.agentsFinished()).isEqualTo(agents);
    }

    /** The system clock, held at 0 until released (every agent is in its first call by then). */
    private static final class HeldClock implements NanoClock {
        private volatile long origin = -1;

        void release() {
            origin = System.nanoTime();
        }

        @Override
        public long nanoTime() {
            long o = origin;
            return o < 0 ? 0 : System.nanoTime() - o;
        }
    }
}
