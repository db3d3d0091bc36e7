package dev.aiosim.bench;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.sim.Simulation;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The whole discrete-event loop (event queue, target table, kernel, resource, agent programs)
 * with a fixed number of events pending: {@code pending} agents arrive at once and each issues
 * {@code callsPerAgent} tool calls with random latencies, so every event is a completion that
 * schedules the next one. Reports events per wall-clock second.
 */
public final class EventLoopSpeed {
    private EventLoopSpeed() {}

    /** Runs once and returns the metrics (events, wall time). */
    public static RunMetrics run(int pending, int callsPerAgent, long seed) {
        EngineConfig unused = new EngineConfig(1, 1_000, 1, PreemptionMode.RECOMPUTE, 0, 1e9, new ConstantCostModel(1));
        KernelConfig cfg = KernelConfig.of(1, unused);
        int[] pid = {0};
        AgentSource agents = () -> {
            if (pid[0] == pending) {
                return null;
            }
            int id = pid[0]++;
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + id);
            int[] left = {callsPerAgent};
            return new AgentArrival(0, new AgentProcess(id, "a", 0, 1, "g", prev -> left[0]-- > 0
                    ? new ToolCall("t", 1 + rnd.nextLong(2_000_000)) : null));
        };
        return new Simulation(cfg, SchedulerRegistry.load().factory("fifo", Map.of()), agents, MetricsSink.NONE, Slo.NONE, Long.MAX_VALUE, null).run();
    }
}
