package dev.aiosim.bench.dispatch;

import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.live.EngineFactory;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.schedulers.fifo.FifoScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the live kernel thread's CPU time per syscall as the number of agents grows (100 to
 * 10,000 by default): each agent makes {@code syscalls} calls alternating an LLM call (64 prompt,
 * 8 output tokens) and a 1 ms tool call, on emulated engines (2 engines x 64 slots, 5 ms steps),
 * heavily dilated. Flat CPU per syscall means the dispatch core does O(1) work per syscall
 * whatever the number of agents. CPU comes from {@code ThreadMXBean} on the kernel thread itself.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.aiosim.bench.dispatch.KernelCpuCurve
 * [dispatch=lock-free|locked] [syscalls=20] [dilation=10000] [agents ...]}
 */
public final class KernelCpuCurve {
    private KernelCpuCurve() {}

    public static void main(String[] args) throws Exception {
        Dispatch dispatch = Dispatch.LOCK_FREE;
        int syscalls = 20;
        double dilation = 10_000;
        List<Integer> agents = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("dispatch=")) {
                dispatch = Dispatch.of(a.substring(9));
            } else if (a.startsWith("syscalls=")) {
                syscalls = Integer.parseInt(a.substring(9));
            } else if (a.startsWith("dilation=")) {
                dilation = Double.parseDouble(a.substring(9));
            } else {
                agents.add(Integer.parseInt(a));
            }
        }
        if (agents.isEmpty()) {
            agents = List.of(100, 300, 1_000, 3_000, 10_000);
        }
        run(dispatch, 1_000, syscalls, dilation); // warm-up
        System.out.printf(Locale.ROOT, "dispatch %s, %d syscalls per agent, dilation %.0f%n", dispatch.label(), syscalls, dilation);
        System.out.printf(Locale.ROOT, "%8s %10s %14s %16s %10s%n", "agents", "syscalls", "kernel cpu ms", "cpu ns/syscall", "wall ms");
        for (int n : agents) {
            long[] r = run(dispatch, n, syscalls, dilation);
            System.out.printf(Locale.ROOT, "%8d %10d %14.1f %16.0f %10.1f%n", n, r[0], r[1] / 1e6, r[1] / (double) r[0], r[2] / 1e6);
        }
    }

    /** @return syscalls, kernel CPU ns, wall ns */
    static long[] run(Dispatch dispatch, int agents, int syscalls, double dilation) throws InterruptedException {
        EngineConfig e = EngineConfig.builder().slots(64).kvTokens(1L << 40)
                .costModel(new ConstantCostModel(5_000_000)).build();
        long t0 = System.nanoTime();
        LiveKernel k = new LiveKernel(KernelConfig.of(2, e), id -> new FifoScheduler(), MetricsSink.NONE, Slo.NONE,
                dispatch.options(dilation, EngineFactory.EMULATED));
        List<Thread> threads = new ArrayList<>(agents);
        for (int a = 0; a < agents; a++) {
            threads.add(k.spawn(new AgentProcess(a, "agent-" + a, 0, 1, "default", prev -> null), os -> {
                for (int i = 0; i < syscalls; i++) {
                    if (i % 2 == 0) {
                        os.call(new LlmCall(64, 8));
                    } else {
                        os.call(new ToolCall("t", 1_000_000));
                    }
                }
            }));
        }
        k.sourceDone();
        RunMetrics m = k.await();
        for (Thread t : threads) {
            t.join();
        }
        long n = m.llmCompleted() + m.otherCompleted();
        if (n != (long) agents * syscalls) {
            throw new IllegalStateException("expected " + (long) agents * syscalls + " syscalls, got " + n);
        }
        return new long[] {n, k.kernelCpuNanos(), System.nanoTime() - t0};
    }
}
