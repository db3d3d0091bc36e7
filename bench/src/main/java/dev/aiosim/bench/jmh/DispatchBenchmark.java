package dev.aiosim.bench.jmh;

import dev.aiosim.bench.dispatch.Dispatch;
import dev.aiosim.kernel.live.AgentSession;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The live kernel's dispatch round trip (DESIGN.md §11): each benchmark thread is an agent that
 * issues an LLM call (1 prompt token, 1 output token) and blocks until it is answered; the kernel
 * thread takes it from its inbox, queues it with the fifo policy, runs a step on a null engine
 * that ends at once, and hands the result back. {@code dispatch} picks the core: {@code lock-free}
 * (JCTools MPSC inbox, spin-yield-park idle, park/unpark hand-off) or the {@code locked} baseline
 * (LinkedBlockingQueue with a blocking take, ReentrantLock + Condition hand-off, as AIOS
 * dispatches). 1, 2, 4, 8 producers, as platform threads and (methods {@code virtualN}) as virtual
 * threads (JMH's {@code jmh.executor=VIRTUAL}). Throughput in round trips per second, and
 * latency per round trip in sample mode (look at p0.99).
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DispatchBenchmark {
    private static final LlmCall CALL = new LlmCall(1, 1);

    /** One kernel per trial, shared by the producer threads. */
    @State(Scope.Benchmark)
    public static class Core {
        @Param({"lock-free", "locked"})
        String dispatch;

        LiveKernel kernel;
        final AtomicLong pids = new AtomicLong();

        @Setup(Level.Trial)
        public void start() {
            kernel = Dispatch.of(dispatch).start(64);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            kernel.stop();
            kernel.await();
        }
    }

    /** Each benchmark thread is one agent. */
    @State(Scope.Thread)
    public static class Agent {
        AgentSession session;

        @Setup(Level.Trial)
        public void join(Core core) {
            long pid = core.pids.getAndIncrement();
            session = core.kernel.join(new AgentProcess(pid, "bench-" + pid, 0, 1, "default", prev -> null));
        }

        @TearDown(Level.Trial)
        public void leave() {
            session.close();
        }
    }

    private static SyscallResult roundTrip(Agent a) throws InterruptedException {
        return a.session.call(CALL);
    }

    @Benchmark @Threads(1)
    public SyscallResult platform1(Agent a) throws InterruptedException {
        return roundTrip(a);
    }

    @Benchmark @Threads(2)
    public SyscallResult platform2(Agent a) throws InterruptedException {
        return roundTrip(a);
    }

    @Benchmark @Threads(4)
    public SyscallResult platform4(Agent a) throws InterruptedException {
        return roundTrip(a);
    }

    @Benchmark @Threads(8)
    public SyscallResult platform8(Agent a) throws InterruptedException {
        return roundTrip(a);
    }

    @Benchmark @Threads(1) @Fork(value = 1, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public SyscallResult virtual1(Agent a) throws InterruptedException {
        return roundTrip(a);
    }

    @Benchmark @Threads(2) @Fork(value = 1, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public SyscallResult virtual2(Agent a) throws InterruptedException {
        return roundTrip(a);
    }

    @Benchmark @Threads(4) @Fork(value = 1, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public SyscallResult virtual4(Agent a) throws InterruptedException {
        return roundTrip(a);
    }

    @Benchmark @Threads(8) @Fork(value = 1, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public SyscallResult virtual8(Agent a) throws InterruptedException {
        return roundTrip(a);
    }
}
