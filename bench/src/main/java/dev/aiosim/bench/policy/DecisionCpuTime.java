package dev.aiosim.bench.policy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The decision benchmark's churn timed by the thread's CPU time instead of the wall clock: on a
 * machine shared with other work (load far above its cores), JMH's wall-clock scores mostly
 * measure waiting for a core, while CPU time per decision stays comparable between runs. Not a
 * JMH benchmark: no forks, no blackholes; use it for ratios between policies or builds run
 * side by side.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.aiosim.bench.policy.DecisionCpuTime POLICY QUEUED WARMUP CYCLES ROUNDS</pre>
 *
 * prints, per round, the CPU nanoseconds per {@link DecisionChurn#cycle()} (64 slots, 4 free, 4
 * priority levels, seed 42), and the preemptions per step over the whole run.
 */
public final class DecisionCpuTime {
    private DecisionCpuTime() {}

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: DecisionCpuTime POLICY QUEUED WARMUP CYCLES ROUNDS");
            System.exit(2);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        DecisionChurn churn = DecisionChurn.forPolicy(args[0], Integer.parseInt(args[1]), 64, 4, 4, 42);
        int warmup = Integer.parseInt(args[2]);
        int cycles = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        for (int i = 0; i < warmup; i++) {
            churn.cycle();
        }
        StringBuilder out = new StringBuilder(args[0] + " " + args[1] + " queued: CPU ns per decision");
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < cycles; i++) {
                churn.cycle();
            }
            out.append(' ').append((mx.getCurrentThreadCpuTime() - t0) / cycles);
        }
        out.append(String.format("; preemptions per step %.2f", churn.preemptions() / (double) churn.step()));
        System.out.println(out);
    }
}
