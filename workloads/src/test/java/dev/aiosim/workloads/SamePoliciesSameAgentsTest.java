package dev.aiosim.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.testing.TestPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated agents (arrival times and every syscall, fan-outs included) are the same whichever
 * policy serves them, and the same as when their programs are driven with synthetic results: a
 * program depends only on its own random stream, never on when or in what order its calls end.
 */
class SamePoliciesSameAgentsTest {

    /** What a run saw: arrival time and syscalls per pid, and the order calls completed in. */
    record Seen(Map<Long, Long> arrivals, Map<Long, List<Syscall>> calls, List<Long> completionOrder) {}

    private static Seen simulate(WorkloadSpec spec, long seed, boolean lifo) {
        Map<Long, Long> arrivals = new TreeMap<>();
        Map<Long, List<Syscall>> calls = new TreeMap<>();
        AgentSource src = Workloads.open(spec, seed, Path.of("."));
        AgentSource recording = () -> {
            AgentArrival a = src.next();
            if (a == null) {
                return null;
            }
            AgentProcess p = a.agent();
            List<Syscall> mine = new ArrayList<>();
            calls.put(p.pid(), mine);
            arrivals.put(p.pid(), a.time());
            Program inner = p.program();
            Program wrapped = previous -> {
                Syscall s = inner.next(previous);
                if (s != null) {
                    mine.add(s);
                }
                return s;
            };
            return new AgentArrival(a.time(), new AgentProcess(p.pid(), p.name(), p.priority(), p.weight(), p.group(), wrapped));
        };
        List<Long> order = new ArrayList<>();
        MetricsSink sink = new MetricsSink() {
            @Override public void call(CallRecord r) { order.add(r.callId() * 1_000_003 + r.agentPid()); }
            @Override public void agent(AgentRecord r) { }
        };
        EngineConfig e = EngineConfig.builder().slots(3).kvTokens(1_000_000).preemption(PreemptionMode.SWAP)
                .costModel(new ConstantCostModel(20_000_000)).build();
        RunMetrics m = new Simulation(KernelConfig.of(1, e), id -> lifo ? TestPolicy.lifo() : TestPolicy.fifo(), recording,
                sink, Slo.NONE, Long.MAX_VALUE, null).run();
        assertThat(m.agentsFinished()).isEqualTo((long) spec.agents());
        return new Seen(arrivals, calls, order);
    }

    static Stream<Arguments> specs() {
        DistSpec tokens = DistSpec.lognormal(200, 0.6).clamped(null, 2000);
        return Stream.of(
                Arguments.of(WorkloadSpec.generator(40, ArrivalSpec.poisson(20),
                        ProgramSpec.planExecute(DistSpec.uniform(1, 3), DistSpec.fixed(300), tokens, DistSpec.exponential(60),
                                DistSpec.uniform(1, 6), DistSpec.uniform(1, 50), DistSpec.lognormal(40, 0.5))
                                .withTools(DistSpec.exponential("300ms"), "search"), null), 3L),
                Arguments.of(WorkloadSpec.generator(40, ArrivalSpec.onOff(50, 1, 1, 3).withDiurnal(new DiurnalSpec(60, 0.7, 10)),
                        ProgramSpec.multiTurn(DistSpec.uniform(1, 6), DistSpec.fixed(100), tokens, DistSpec.exponential(50),
                                DistSpec.exponential("2s")), null), 5L),
                Arguments.of(WorkloadSpec.generator(40, ArrivalSpec.gamma(10, 3),
                        ProgramSpec.react(DistSpec.uniform(1, 5), DistSpec.fixed(100), tokens, DistSpec.exponential(50),
                                DistSpec.exponential("500ms")), null), 8L));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyPolicySeesTheSameAgents(WorkloadSpec spec, long seed) {
        Seen fifo = simulate(spec, seed, false);
        Seen lifo = simulate(spec, seed, true);
        assertThat(lifo.arrivals()).isEqualTo(fifo.arrivals());
        assertThat(lifo.calls()).isEqualTo(fifo.calls());
        // the policies did serve them differently
        assertThat(lifo.completionOrder()).isNotEqualTo(fifo.completionOrder());
        // and the same as a drive with synthetic results
        List<AgentArrival> all = Drive.all(Workloads.open(spec, seed, Path.of(".")));
        for (AgentArrival a : all) {
            assertThat(Drive.run(a.agent().program())).isEqualTo(fifo.calls().get(a.agent().pid()));
        }
        if (spec.program().kindOrDefault().equals("plan-execute")) {
            assertThat(fifo.calls().values().stream().flatMap(List::stream).filter(c -> c instanceof FanOut).count())
                    .isGreaterThanOrEqualTo(40);
            assertThat(fifo.calls().values().stream().flatMap(List::stream)
                    .filter(c -> c instanceof FanOut f && f.calls().stream().filter(x -> x instanceof LlmCall).count() > 1)
                    .count()).isPositive();
        }
    }
}
