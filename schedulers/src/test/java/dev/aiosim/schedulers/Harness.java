package dev.aiosim.schedulers;

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
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.kernel.sim.Simulation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Builds small simulations for tests and keeps every row the kernel emits. */
final class Harness implements MetricsSink {
    static final long MS = 1_000_000L;

    final List<CallRecord> calls = new ArrayList<>();
    final List<AgentRecord> agents = new ArrayList<>();
    RunMetrics metrics;

    @Override
    public void call(CallRecord record) {
        calls.add(record);
    }

    @Override
    public void agent(AgentRecord record) {
        agents.add(record);
    }

    /** Calls sorted by id. */
    List<CallRecord> callsById() {
        List<CallRecord> c = new ArrayList<>(calls);
        c.sort(Comparator.comparingLong(CallRecord::callId));
        return c;
    }

    static EngineConfig constantEngine(int slots, long kvTokens, PreemptionMode mode, long kvBytesPerToken,
                                       long hostSwap, double pcieBytesPerSec) {
        return EngineConfig.builder().slots(slots).kvTokens(kvTokens).kvBytesPerToken(kvBytesPerToken)
                .preemption(mode).hostSwapBytes(hostSwap).pcieBytesPerSec(pcieBytesPerSec)
                .costModel(new ConstantCostModel(MS)).build();
    }

    static SchedulerFactory policy(String name, Map<String, String> params) {
        return SchedulerRegistry.load().factory(name, params);
    }

    /**
     * A program that issues the given syscalls in order, whatever the results. It checks that each
     * result it is given is for the syscall it issued last (a fan-out's joined result included),
     * ends no earlier than it was submitted, and for a fan-out carries no more output tokens than
     * its LLM children asked for.
     */
    static Program script(Syscall... calls) {
        Iterator<Syscall> it = List.of(calls).iterator();
        Syscall[] last = {null};
        return previous -> {
            if (previous != null) {
                if (previous.call() != last[0]) {
                    throw new AssertionError("result for " + previous.call() + " but the last syscall was " + last[0]);
                }
                if (previous.completedAt() < previous.submittedAt()) {
                    throw new AssertionError("result ends before it starts: " + previous);
                }
                if (previous.call() instanceof FanOut f) {
                    long asked = f.calls().stream().mapToLong(c -> c instanceof LlmCall l ? l.tokensToGenerate() : 0).sum();
                    if (previous.outputTokens() > asked || (previous.ok() && previous.outputTokens() != asked)) {
                        throw new AssertionError("fan-out result with " + previous.outputTokens() + " tokens, children asked "
                                + asked + ": " + previous);
                    }
                }
            } else if (last[0] != null) {
                throw new AssertionError("program started twice");
            }
            last[0] = it.hasNext() ? it.next() : null;
            return last[0];
        };
    }

    static AgentArrival agent(long pid, long at, int priority, Syscall... calls) {
        return new AgentArrival(at, new AgentProcess(pid, "a" + pid, priority, 1.0, "default", script(calls)));
    }

    static AgentSource source(List<AgentArrival> arrivals) {
        Iterator<AgentArrival> it = arrivals.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    RunMetrics run(KernelConfig config, SchedulerFactory policy, List<AgentArrival> arrivals, long horizon) {
        metrics = new Simulation(config, policy, source(arrivals), this, Slo.NONE, horizon, null).run();
        return metrics;
    }
}
