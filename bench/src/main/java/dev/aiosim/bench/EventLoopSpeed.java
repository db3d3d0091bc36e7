package dev.aiosim.bench;

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
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.kernel.sim.Simulation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The whole discrete-event loop (event queue, target table, kernel, resource, agent programs)
 * with a fixed number of events pending: {@code pending} agents arrive at once and each issues
 * {@code callsPerAgent} tool calls with random latencies, so every event is a completion that
 * schedules the next one. Reports events per wall-clock second: the DESIGN.md §11 budget is
 * 2 M events/s with 10k pending.
 *
 * <p>Run it with {@code java -cp bench/target/benchmarks.jar dev.aiosim.bench.EventLoopSpeed
 * [pending [callsPerAgent [runs]]]} (or {@code bench/speed.sh}); it prints one line per run and
 * then the best and the median over all runs but the first, which warms the JIT up.
 */
public final class EventLoopSpeed {
    private EventLoopSpeed() {}

    /** Runs once and returns the metrics (events, wall time). */
    public static RunMetrics run(int pending, int callsPerAgent, long seed) {
        EngineConfig unused = EngineConfig.builder().slots(1).kvTokens(1_000)
                .costModel(new ConstantCostModel(1)).build();
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

    /** Events per wall-clock second of one run. */
    public static double eventsPerSecond(RunMetrics m) {
        return m.events() / (m.wallNanos() / 1e9);
    }

    /**
     * Prints one line per run, then {@code best} and {@code median} events/s over runs 2..n.
     * Arguments: pending agents (default 10000), tool calls per agent (default 200), runs
     * (default 6).
     */
    public static void main(String[] args) {
        int pending = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        if (pending < 1 || calls < 1 || runs < 2) {
            throw new IllegalArgumentException("expected pending >= 1, callsPerAgent >= 1, runs >= 2; got "
                    + String.join(" ", args));
        }
        double[] rates = new double[runs - 1];
        for (int r = 0; r < runs; r++) {
            RunMetrics m = run(pending, calls, r + 1);
            double rate = eventsPerSecond(m);
            System.out.printf(Locale.ROOT, "run %d%s: pending %d, events %d, wall %.3f s, %.0f events/s%n",
                    r + 1, r == 0 ? " (warm-up)" : "", pending, m.events(), m.wallNanos() / 1e9, rate);
            if (r > 0) {
                rates[r - 1] = rate;
            }
        }
        Arrays.sort(rates);
        double median = rates.length % 2 == 1 ? rates[rates.length / 2]
                : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "event loop, %d pending: best %.0f events/s, median %.0f events/s (over %d runs after warm-up)%n",
                pending, rates[rates.length - 1], median, rates.length);
    }
}
