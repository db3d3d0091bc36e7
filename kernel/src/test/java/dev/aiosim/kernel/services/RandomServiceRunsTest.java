package dev.aiosim.kernel.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.access.AccessRule;
import dev.aiosim.kernel.access.Rights;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.memory.MemoryConfig;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.PageOut;
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
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random runs with every service on: random agents in random groups issue random LLM,
 * memory, storage and tool calls on their own and others' data under random rules. Every call
 * gets exactly one result; a call is denied exactly when the rules say so; denials, memory and
 * storage operations add up; the end-of-run balance holds (checked by the kernel).
 */
class RandomServiceRunsTest {
    static final String[] GROUPS = {"a", "b", "c"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyCallEndsOnceAndDenialsFollowTheRules(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<AccessRule> rules = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            Rights[] r = Rights.values();
            rules.add(new AccessRule(GROUPS[rnd.nextInt(3)], List.of(rnd.nextBoolean() ? AccessRule.SAME : GROUPS[rnd.nextInt(3)]),
                    r[rnd.nextInt(4)], r[rnd.nextInt(4)], rnd.nextBoolean() ? null : List.of("t" + rnd.nextInt(2))));
        }
        int agents = 4 + rnd.nextInt(8);
        String[] groups = new String[agents];
        for (int i = 0; i < agents; i++) {
            groups[i] = GROUPS[rnd.nextInt(3)];
        }
        OsConfig os = new OsConfig(new MemoryConfig(500 + rnd.nextInt(2000), 1 + rnd.nextInt(3), 1000, 50_000, 1e9),
                new StorageConfig(2000, 1e9), rules, 2000);
        // the expected verdicts, computed from the same rules outside the kernel
        dev.aiosim.kernel.access.AccessManager oracle = new dev.aiosim.kernel.access.AccessManager(rules);
        for (int i = 0; i < agents; i++) {
            oracle.enroll(i, groups[i]);
        }
        List<Script> programs = new ArrayList<>();
        List<AgentArrival> arrivals = new ArrayList<>();
        long expectDenied = 0;
        long expectMemory = 0;
        long expectStorage = 0;
        for (int i = 0; i < agents; i++) {
            List<Syscall> calls = new ArrayList<>();
            List<Boolean> denied = new ArrayList<>();
            for (int n = 3 + rnd.nextInt(10); n > 0; n--) {
                long target = rnd.nextInt(3) == 0 ? rnd.nextInt(agents) : MemoryCall.SELF;
                String op;
                boolean deny;
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        calls.add(new LlmCall(1 + rnd.nextInt(2500), 1 + rnd.nextInt(200)));
                        deny = false;
                    }
                    case 1 -> {
                        op = new String[] {"alloc", "read", "write", "clear"}[rnd.nextInt(4)];
                        calls.add(new MemoryCall(op, 0, rnd.nextInt(600), "i" + rnd.nextInt(4), target));
                        deny = !oracle.mayReach(dev.aiosim.kernel.access.AccessManager.Data.MEMORY, !op.equals("read"), i,
                                groups[i], target);
                        expectMemory += deny ? 0 : 1;
                    }
                    case 2 -> {
                        op = new String[] {"create", "read", "write", "delete"}[rnd.nextInt(4)];
                        calls.add(new StorageCall(op, 0, rnd.nextInt(10_000), "f" + rnd.nextInt(3), target));
                        deny = !oracle.mayReach(dev.aiosim.kernel.access.AccessManager.Data.STORAGE, !op.equals("read"), i,
                                groups[i], target);
                        expectStorage += deny ? 0 : 1;
                    }
                    default -> {
                        String tool = "t" + rnd.nextInt(3);
                        calls.add(new ToolCall(tool, rnd.nextInt(5000)));
                        deny = !oracle.mayCall(groups[i], tool);
                    }
                }
                denied.add(deny);
                expectDenied += deny ? 1 : 0;
            }
            PageOut page = new PageOut(PageOut.Mode.values()[rnd.nextInt(3)], 1 + rnd.nextInt(300));
            Script s = new Script(calls, denied, page);
            programs.add(s);
            arrivals.add(new AgentArrival(rnd.nextInt(10) * 1000L, new AgentProcess(i, "a" + i, 0, 1, groups[i], s)));
        }
        arrivals.sort(java.util.Comparator.comparingLong(AgentArrival::time));
        Iterator<AgentArrival> it = arrivals.iterator();
        EngineConfig e = EngineConfig.builder().slots(4).kvTokens(20_000).costModel(new ConstantCostModel(1000)).build();
        Simulation sim = new Simulation(new KernelConfig(List.of(e), "round-robin", 2, 2, 2, os), id -> TestPolicy.fifo(),
                () -> it.hasNext() ? it.next() : null, dev.aiosim.kernel.metrics.MetricsSink.NONE, Slo.NONE, Long.MAX_VALUE, null);
        RunMetrics m = sim.run();
        for (Script s : programs) {
            assertThat(s.results).hasSize(s.calls.size());
            for (int k = 0; k < s.calls.size(); k++) {
                SyscallResult r = s.results.get(k);
                assertThat(r.call()).isSameAs(s.calls.get(k));
                assertThat(r.status() == SyscallResult.Status.DENIED).as("call %s", r.call()).isEqualTo(s.denied.get(k));
                assertThat(r.completedAt()).isGreaterThanOrEqualTo(r.submittedAt());
            }
        }
        assertThat(m.services().denied()).isEqualTo(expectDenied);
        assertThat(m.services().memory().ops()).as("plus one summary write per summarised call")
                .isEqualTo(expectMemory + m.services().summaries());
        assertThat(m.services().storage().ops()).isEqualTo(expectStorage);
        assertThat(m.services().memory().ramPeakBytes()).isLessThanOrEqualTo(os.memory().ramBytes());
        assertThat(m.agentsFinished()).isEqualTo(agents);
    }

    /** Issues its calls in order whatever their results, keeping them. */
    static final class Script implements dev.aiosim.kernel.process.Program {
        final List<Syscall> calls;
        final List<Boolean> denied;
        final List<SyscallResult> results = new ArrayList<>();
        final PageOut page;

        Script(List<Syscall> calls, List<Boolean> denied, PageOut page) {
            this.calls = calls;
            this.denied = denied;
            this.page = page;
        }

        @Override
        public Syscall next(SyscallResult previous) {
            if (previous != null) {
                results.add(previous);
            }
            return results.size() < calls.size() ? calls.get(results.size()) : null;
        }

        @Override
        public PageOut pageOut() {
            return page;
        }
    }
}
