package dev.aiosim.kernel.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.access.AccessRule;
import dev.aiosim.kernel.access.Rights;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.memory.ContextWindow;
import dev.aiosim.kernel.memory.MemoryConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.AgentServiceCounts;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.PageOut;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.storage.StorageConfig;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The services as the kernel uses them: latencies on the timeline, denials, context page-outs. */
class OsServicesKernelTest {
    static final long STEP = 1000;
    static final long HIT = 10_000;
    static final long MISS = 1_000_000;

    /** Issues the given syscalls in order and keeps every result it is given. */
    static final class Recording implements Program {
        final Iterator<Syscall> calls;
        final List<SyscallResult> results = new ArrayList<>();
        final PageOut pageOut;

        Recording(PageOut pageOut, Syscall... calls) {
            this.calls = List.of(calls).iterator();
            this.pageOut = pageOut;
        }

        Recording(Syscall... calls) {
            this(PageOut.FAIL, calls);
        }

        @Override
        public Syscall next(SyscallResult previous) {
            if (previous != null) {
                results.add(previous);
            }
            return calls.hasNext() ? calls.next() : null;
        }

        @Override
        public PageOut pageOut() {
            return pageOut;
        }
    }

    static final class Rows implements MetricsSink {
        final List<CallRecord> calls = new ArrayList<>();
        final List<AgentRecord> agents = new ArrayList<>();

        @Override public void call(CallRecord r) { calls.add(r); }
        @Override public void agent(AgentRecord r) { agents.add(r); }

        AgentRecord agent(long pid) {
            return agents.stream().filter(a -> a.pid() == pid).findFirst().orElseThrow();
        }
    }

    static Simulation sim(OsConfig os, Rows rows, Program... programs) {
        return sim(os, rows, new String[programs.length], programs);
    }

    static Simulation sim(OsConfig os, Rows rows, String[] groups, Program... programs) {
        EngineConfig e = EngineConfig.builder().slots(8).kvTokens(100_000).costModel(new ConstantCostModel(STEP)).build();
        List<AgentArrival> arrivals = new ArrayList<>();
        for (int i = 0; i < programs.length; i++) {
            String g = groups[i] == null ? "g" : groups[i];
            arrivals.add(new AgentArrival(0, new AgentProcess(i, "a" + i, 0, 1, g, programs[i])));
        }
        Iterator<AgentArrival> it = arrivals.iterator();
        return new Simulation(KernelConfig.of(1, e).withOs(os), id -> TestPolicy.fifo(), () -> it.hasNext() ? it.next() : null,
                rows, Slo.NONE, Long.MAX_VALUE, null);
    }

    static OsConfig memory(long ram, List<AccessRule> rules, long window) {
        return new OsConfig(new MemoryConfig(ram, 2, HIT, MISS, 1e9), null, rules, window);
    }

    @Test
    void memoryCallsTakeTheManagersLatenciesNotTheirOwn() {
        Recording p = new Recording(new MemoryCall("write", 999_999, 100, "a", MemoryCall.SELF),
                new MemoryCall("read", 999_999, 0, "a", MemoryCall.SELF));
        Rows rows = new Rows();
        RunMetrics m = sim(memory(1000, List.of(), 0), rows, p).run();
        assertThat(p.results).extracting(SyscallResult::completedAt).containsExactly(HIT, 2 * HIT);
        assertThat(rows.agent(0).finishedAt()).isEqualTo(2 * HIT);
        assertThat(rows.agent(0).services()).isEqualTo(new AgentServiceCounts(0, 1, 0, 0));
        assertThat(m.services().memory().hits()).isEqualTo(1);
        assertThat(m.services().memory().hitRate()).isEqualTo(1.0);
    }

    @Test
    void withoutManagersCallsKeepTheirOwnLatencies() {
        Recording p = new Recording(new MemoryCall("write", 5, 100, "a", MemoryCall.SELF), new StorageCall("read", 7));
        RunMetrics m = sim(OsConfig.NONE, new Rows(), p).run();
        assertThat(p.results).extracting(SyscallResult::completedAt).containsExactly(5L, 12L);
        assertThat(m.services().memory()).isNull();
    }

    @Test
    void storageCallsQueueOnTheConcurrencyLimitAndTakeBandwidthTime() {
        // 100 us + 1 MB at 1 GB/s = 1.1 ms each; two agents, one place: the second waits
        OsConfig os = new OsConfig(null, new StorageConfig(100_000, 1e9), List.of(), 0);
        Recording a = new Recording(new StorageCall("write", 0, 1_000_000, "f", MemoryCall.SELF));
        Recording b = new Recording(new StorageCall("write", 0, 1_000_000, "f", MemoryCall.SELF));
        EngineConfig e = EngineConfig.builder().slots(8).kvTokens(100_000).costModel(new ConstantCostModel(STEP)).build();
        Iterator<AgentArrival> it = List.of(new AgentArrival(0, new AgentProcess(0, "a", 0, 1, "g", a)),
                new AgentArrival(0, new AgentProcess(1, "b", 0, 1, "g", b))).iterator();
        RunMetrics m = new Simulation(new KernelConfig(List.of(e), "round-robin", 0, 0, 1, os), id -> TestPolicy.fifo(),
                () -> it.hasNext() ? it.next() : null, MetricsSink.NONE, Slo.NONE, Long.MAX_VALUE, null).run();
        assertThat(a.results.get(0).completedAt()).isEqualTo(1_100_000);
        assertThat(b.results.get(0).completedAt()).isEqualTo(2_200_000);
        assertThat(m.services().storage().bytesWritten()).isEqualTo(2_000_000);
        assertThat(m.services().storage().files()).isEqualTo(2);
    }

    @Test
    void aCallOnAnotherAgentsMemoryIsDeniedAndTouchesNothing() {
        Recording owner = new Recording(new MemoryCall("write", 0, 50, "secret", MemoryCall.SELF));
        Recording intruder = new Recording(new MemoryCall("write", 0, 999, "secret", 0),
                new MemoryCall("read", 0, 0, "secret", 0), new StorageCall("delete", 0, 0, null, 0));
        Rows rows = new Rows();
        Simulation s = sim(memory(1000, List.of(), 0), rows, owner, intruder);
        RunMetrics m = s.run();
        assertThat(intruder.results).extracting(SyscallResult::status).containsOnly(SyscallResult.Status.DENIED);
        assertThat(intruder.results).extracting(SyscallResult::completedAt).containsOnly(0L);
        assertThat(s.kernel().services().memory().size(0, "secret")).isEqualTo(50);
        assertThat(s.kernel().services().memory().counters().ops()).as("a denied call never reaches the manager").isEqualTo(1);
        assertThat(m.services().denied()).isEqualTo(3);
        assertThat(rows.agent(1).services().denied()).isEqualTo(3);
        assertThat(rows.agent(0).services().denied()).isZero();
    }

    @Test
    void aGroupThatSharesMayReachItsMembers() {
        List<AccessRule> share = List.of(new AccessRule("g", List.of(AccessRule.SAME), Rights.READ_WRITE, Rights.NONE, null),
                new AccessRule("g", List.of(AccessRule.ANY), Rights.NONE, Rights.NONE, List.of("search")));
        Recording owner = new Recording(new MemoryCall("write", 0, 50, "secret", MemoryCall.SELF));
        Recording peer = new Recording(new MemoryCall("write", 0, 999, "secret", 0), new ToolCall("shell", 5),
                new ToolCall("search", 5));
        Recording stranger = new Recording(new MemoryCall("read", 0, 0, "secret", 0));
        Simulation s = sim(memory(10_000, share, 0), new Rows(), new String[] {"g", "g", "h"}, owner, peer, stranger);
        RunMetrics m = s.run();
        assertThat(peer.results).extracting(SyscallResult::status).containsExactly(SyscallResult.Status.COMPLETED,
                SyscallResult.Status.DENIED, SyscallResult.Status.COMPLETED);
        assertThat(stranger.results.get(0).status()).isEqualTo(SyscallResult.Status.DENIED);
        assertThat(s.kernel().services().memory().size(0, "secret")).isEqualTo(999);
        assertThat(m.services().denied()).isEqualTo(2);
    }

    @Test
    void summarisePagesOutThroughAnExtraCallAndAMemoryWrite() {
        LlmCall big = new LlmCall(1200, 100);
        Recording p = new Recording(new PageOut(PageOut.Mode.SUMMARISE, 50), big);
        Rows rows = new Rows();
        Simulation s = sim(memory(10_000, List.of(), 1000), rows, p);
        RunMetrics m = s.run();
        // summary call 350 -> 50 tokens: 50 steps; memory write (new item): HIT; then 900 -> 100: 100 steps
        assertThat(rows.calls).extracting(CallRecord::promptTokens).containsExactly(350, 900);
        assertThat(p.results).hasSize(1);
        SyscallResult r = p.results.get(0);
        assertThat(r.call()).isSameAs(big);
        assertThat(r.ok()).isTrue();
        assertThat(r.outputTokens()).isEqualTo(100);
        assertThat(r.completedAt()).isEqualTo(50 * STEP + HIT + 100 * STEP);
        assertThat(s.kernel().services().memory().size(0, ContextWindow.SUMMARY_ITEM)).isEqualTo(200);
        assertThat(m.services().summaries()).isEqualTo(1);
        assertThat(rows.agent(0).services().pageOuts()).isEqualTo(1);
        assertThat(rows.agent(0).llmCalls()).isEqualTo(2);
    }

    @Test
    void truncateAndFail() {
        LlmCall big = new LlmCall(1200, 100);
        Recording t = new Recording(new PageOut(PageOut.Mode.TRUNCATE, 1), big);
        Recording f = new Recording(new LlmCall(1200, 100));
        Rows rows = new Rows();
        RunMetrics m = sim(new OsConfig(null, null, List.of(), 1000), rows, t, f).run();
        assertThat(t.results.get(0).call()).isSameAs(big);
        assertThat(t.results.get(0).ok()).isTrue();
        assertThat(f.results.get(0).status()).isEqualTo(SyscallResult.Status.REJECTED);
        assertThat(m.services().truncations()).isEqualTo(1);
        assertThat(m.services().truncatedTokens()).isEqualTo(300);
        assertThat(m.services().contextRejected()).isEqualTo(1);
        assertThat(m.llmRejected()).isEqualTo(1);
        assertThat(rows.calls).filteredOn(c -> c.agentPid() == 0).extracting(CallRecord::promptTokens).containsExactly(900);
    }
}
