package dev.aiosim.kernel.live;

import static dev.aiosim.kernel.live.LiveTesting.awaitParked;
import static dev.aiosim.kernel.live.LiveTesting.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.engine.packing.StepPacking;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The live runtime end to end: programs on virtual threads, emulated engines, cancellation, stop, horizon. */
class LiveKernelTest {

    /** A program of random syscalls from its own seeded stream; it notes what it issued and got. */
    private static Program program(long seed, List<Syscall> issued, List<SyscallResult> got) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(6);
        return new Program() {
            int i;

            @Override
            public Syscall next(SyscallResult previous) {
                if (previous != null) {
                    got.add(previous);
                }
                if (i++ == n) {
                    return null;
                }
                Syscall s = switch (rnd.nextInt(4)) {
                    case 0 -> new ToolCall("t", rnd.nextLong(5_000_000));
                    case 1 -> new MemoryCall("read", rnd.nextLong(1_000_000));
                    case 2 -> new StorageCall("write", rnd.nextLong(1_000_000));
                    default -> new LlmCall(1 + rnd.nextInt(200), 1 + rnd.nextInt(30));
                };
                issued.add(s);
                return s;
            }
        };
    }

    /** Every packing, with a budget of 8 tokens that splits prompts over several steps. */
    @ParameterizedTest
    @FieldSource("dev.aiosim.kernel.engine.packing.StepPacking#NAMES")
    void programsRunLiveAndEverySyscallCompletesOnceInIssueOrder(String packing) throws Exception {
        int agents = 60;
        Map<Long, List<Syscall>> issued = new ConcurrentHashMap<>();
        Map<Long, List<SyscallResult>> got = new ConcurrentHashMap<>();
        Map<Long, List<Syscall>> recorded = new TreeMap<>();
        Map<Long, Long> arrivals = new TreeMap<>();
        SplittableRandom arrivalsRnd = new SplittableRandom(7);
        long[] t = {0};
        int[] pid = {0};
        AgentSource source = () -> {
            if (pid[0] == agents) {
                return null;
            }
            long p = pid[0]++;
            issued.put(p, Collections.synchronizedList(new ArrayList<>()));
            got.put(p, Collections.synchronizedList(new ArrayList<>()));
            t[0] += arrivalsRnd.nextLong(2_000_000);
            return new AgentArrival(t[0], new AgentProcess(p, "agent-" + p, (int) (p % 3), 1, "default",
                    program(p, issued.get(p), got.get(p))));
        };
        LiveTesting.Rows rows = new LiveTesting.Rows();
        LiveKernel k = new LiveKernel(cluster(2, 4, 1_000_000, StepPacking.of(packing, 8)), id -> TestPolicy.fifo(), rows,
                Slo.NONE, LiveOptions.of(200).withListener((p, arrival, syscalls) -> {
                    recorded.put(p.pid(), List.copyOf(syscalls));
                    arrivals.put(p.pid(), arrival);
                }));
        LiveRun.play(k, source);
        RunMetrics m = k.await();

        assertThat(k.partial()).isFalse();
        assertThat(m.agentsFinished()).isEqualTo(agents);
        long llm = issued.values().stream().flatMap(List::stream).filter(s -> s instanceof LlmCall).count();
        long other = issued.values().stream().mapToLong(List::size).sum() - llm;
        assertThat(m.llmSubmitted()).isEqualTo(llm);
        assertThat(m.llmCompleted()).isEqualTo(llm);
        assertThat(m.otherSubmitted()).isEqualTo(other);
        assertThat(m.otherCompleted()).isEqualTo(other);
        assertThat(rows.calls).hasSize((int) llm).extracting(CallRecord::status).containsOnly(CallStatus.COMPLETED);
        assertThat(rows.calls.stream().map(CallRecord::callId).distinct().count()).isEqualTo(llm);
        for (long p = 0; p < agents; p++) {
            // every result answers the syscall issued, in order, once; the trace has them in issue order
            assertThat(got.get(p)).extracting(SyscallResult::call).containsExactlyElementsOf(issued.get(p));
            assertThat(recorded.get(p)).containsExactlyElementsOf(issued.get(p));
        }
        assertThat(rows.agents).allSatisfy(a -> assertThat(a.finished()).isTrue());
        // spawned in pid order, so the kernel saw them arrive in pid order
        assertThat(new ArrayList<>(arrivals.values())).hasSize(agents).isSorted();
    }

    /** Every packing; with a budget of 8 tokens the endless call is cancelled in the middle of its prefill. */
    @ParameterizedTest
    @FieldSource("dev.aiosim.kernel.engine.packing.StepPacking#NAMES")
    void anInterruptedAgentsCallIsCancelledAndTheOthersGoOn(String packing) throws Exception {
        LiveTesting.Rows rows = new LiveTesting.Rows();
        // real time, 1 ms steps: a 500,000-token call runs for the whole test
        LiveKernel k = new LiveKernel(cluster(1, 4, 1_000_000, StepPacking.of(packing, 8)), id -> TestPolicy.fifo(), rows,
                Slo.NONE, LiveOptions.of(1));
        Thread endless = k.spawn(new AgentProcess(0, "endless", 0, 1, "default", prev -> null), os -> os.llm(100, 500_000));
        awaitParked(endless);
        endless.interrupt();
        Thread quick = k.spawn(new AgentProcess(1, "quick", 0, 1, "default", prev -> null), os -> {
            SyscallResult r = os.llm(10, 3);
            assertThat(r.outputTokens()).isEqualTo(3);
            os.tool("search", 2_000_000);
        });
        k.sourceDone();
        RunMetrics m = k.await();
        endless.join();
        quick.join();

        assertThat(m.llmCancelled()).isEqualTo(1);
        assertThat(m.llmCompleted()).isEqualTo(1);
        assertThat(rows.calls).filteredOn(c -> c.agentPid() == 0).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CallStatus.CANCELLED));
        assertThat(rows.agents).filteredOn(a -> a.pid() == 0).singleElement()
                .satisfies(a -> assertThat(a.finished()).isFalse());
        assertThat(rows.agents).filteredOn(a -> a.pid() == 1).singleElement()
                .satisfies(a -> assertThat(a.finished()).isTrue());
    }

    @Test
    void stopEndsTheRunWithPartialResults() throws Exception {
        LiveTesting.Rows rows = new LiveTesting.Rows();
        LiveKernel k = new LiveKernel(cluster(1, 4, 1_000_000), id -> TestPolicy.fifo(), rows, Slo.NONE, LiveOptions.of(1));
        Thread endless = k.spawn(new AgentProcess(0, "endless", 0, 1, "default", prev -> null), os -> os.llm(100, 500_000));
        awaitParked(endless);
        k.stop();
        RunMetrics m = k.await();
        assertThat(k.partial()).isTrue();
        assertThat(m.llmUnfinished()).isEqualTo(1);
        assertThat(rows.agents).extracting(AgentRecord::finished).containsExactly(false);
        k.kernelThread().join();
    }

    @Test
    void theHorizonEndsTheRunWithoutMarkingItPartial() throws Exception {
        LiveTesting.Rows rows = new LiveTesting.Rows();
        LiveKernel k = new LiveKernel(cluster(1, 4, 1_000_000), id -> TestPolicy.fifo(), rows, Slo.NONE,
                LiveOptions.of(1).withHorizon(1_000_000_000));
        k.spawn(new AgentProcess(0, "endless", 0, 1, "default", prev -> null), os -> os.llm(100, 500_000));
        k.sourceDone();
        RunMetrics m = k.await();
        assertThat(k.partial()).isFalse();
        assertThat(k.endNanos()).isEqualTo(1_000_000_000);
        assertThat(m.makespanNanos()).isEqualTo(1_000_000_000);
        assertThat(m.llmUnfinished()).isEqualTo(1);
    }

    @Test
    void aCallThatCanNeverFitIsRejectedBackToTheAgent() throws Exception {
        LiveTesting.Rows rows = new LiveTesting.Rows();
        LiveKernel k = new LiveKernel(cluster(1, 4, 1_000), id -> TestPolicy.fifo(), rows, Slo.NONE, LiveOptions.of(1000));
        SyscallResult[] r = new SyscallResult[1];
        Thread t = k.spawn(new AgentProcess(0, "big", 0, 1, "default", prev -> null), os -> r[0] = os.llm(2_000_000, 5));
        k.sourceDone();
        RunMetrics m = k.await();
        t.join();
        assertThat(r[0].status()).isEqualTo(SyscallResult.Status.REJECTED);
        assertThat(m.llmRejected()).isEqualTo(1);
        assertThat(m.agentsFinished()).isEqualTo(1);
    }
}
