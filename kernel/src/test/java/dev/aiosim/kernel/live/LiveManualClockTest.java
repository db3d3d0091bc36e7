package dev.aiosim.kernel.live;

import static dev.aiosim.kernel.live.LiveTesting.awaitParked;
import static dev.aiosim.kernel.live.LiveTesting.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.testing.TestPolicy;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.time.EventTarget;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The whole live kernel on a hand-moved wall clock: virtual times are exact (arrival, a tool's
 * latency, the run's end), because nothing but the test moves the clock.
 */
class LiveManualClockTest {

    /** The kernel's inbox, counting the messages the kernel thread has handled. */
    private record Counting(Mailbox<EventTarget> inner, AtomicInteger handled) implements Inbox<EventTarget> {
        @Override public void bindConsumer(Thread consumer) { inner.bindConsumer(consumer); }
        @Override public void offer(EventTarget message) { inner.offer(message); }
        @Override public void idle(IdleStrategy idle, long parkNanos) { inner.idle(idle, parkNanos); }

        @Override
        public int drain(Consumer<EventTarget> handler, int limit) {
            return inner.drain(m -> {
                handler.accept(m);
                handled.incrementAndGet();
            }, limit);
        }
    }

    private static void awaitHandled(AtomicInteger handled, int n) throws InterruptedException {
        for (int i = 0; i < 60_000 && handled.get() < n; i++) {
            Thread.sleep(1); // deadlock guard only
        }
        assertThat(handled.get()).as("messages the kernel handled").isGreaterThanOrEqualTo(n);
    }

    @Test
    void aToolCallCompletesExactlyWhenTheClockReachesItsLatency() throws Exception {
        ManualNanoClock wall = new ManualNanoClock();
        AtomicInteger handled = new AtomicInteger();
        LiveTesting.Rows rows = new LiveTesting.Rows();
        // dilation 1000: a wall microsecond is a virtual millisecond; null engines read no clock,
        // so the kernel thread is the clock's only reader
        LiveKernel k = new LiveKernel(cluster(1, 4, 1_000_000), id -> TestPolicy.fifo(), rows, Slo.NONE,
                LiveOptions.of(1000).withWallClock(wall).withEngines(EngineFactory.IMMEDIATE)
                        .withDispatch(() -> new Counting(Mailbox.mpsc(), handled), Handoff::new));
        wall.set(1_000_000); // 1 s of virtual time before the agent comes
        SyscallResult[] result = new SyscallResult[1];
        Thread agent = k.spawn(new AgentProcess(0, "tool-user", 0, 1, "default", previous -> null),
                os -> result[0] = os.tool("search", 2_000_000_000L));
        k.sourceDone();
        awaitParked(agent);
        awaitHandled(handled, 3); // arrival, no more agents, the tool call

        wall.set(2_999_999);
        wall.awaitReads(3);
        assertThat(agent.getState()).as("the tool has not answered before its latency passed")
                .isEqualTo(Thread.State.WAITING);
        wall.set(3_000_000);
        agent.join();
        RunMetrics m = k.await();

        assertThat(result[0].submittedAt()).isEqualTo(1_000_000_000L);
        assertThat(result[0].completedAt()).isEqualTo(3_000_000_000L);
        assertThat(k.endNanos()).isEqualTo(3_000_000_000L);
        assertThat(k.partial()).isFalse();
        assertThat(m.otherCompleted()).isEqualTo(1);
        assertThat(rows.agents).singleElement().satisfies(a -> {
            assertThat(a.arrivalAt()).isEqualTo(1_000_000_000L);
            assertThat(a.turnaroundNanos()).isEqualTo(2_000_000_000L);
        });
    }

    @Test
    void withTheClockStandingStillAStoppedRunEndsAtItsStartTime() throws Exception {
        ManualNanoClock wall = new ManualNanoClock();
        LiveTesting.Rows rows = new LiveTesting.Rows();
        LiveKernel k = new LiveKernel(cluster(1, 4, 1_000_000), id -> TestPolicy.fifo(), rows, Slo.NONE,
                LiveOptions.of(1).withWallClock(wall).withIdle(() -> IdleStrategy.parking(1_000_000)));
        Thread agent = k.spawn(new AgentProcess(0, "waiting", 0, 1, "default", previous -> null),
                os -> os.tool("slow", 1));
        awaitParked(agent);
        k.stop();
        RunMetrics m = k.await();
        assertThat(k.partial()).isTrue();
        assertThat(k.endNanos()).isZero();
        assertThat(m.otherSubmitted()).isEqualTo(1);
        assertThat(m.otherCompleted()).as("1 ns of virtual time never passed").isZero();
        assertThat(rows.agents).singleElement().satisfies(a -> assertThat(a.finished()).isFalse());
    }
}
