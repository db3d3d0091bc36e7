package dev.aiosim.kernel.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.time.EventTarget;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The emulated engines' one timer thread, on a hand-moved wall clock. */
class EmulatedEnginesTest {
    private final ManualNanoClock wall = new ManualNanoClock();
    private final LinkedBlockingQueue<EventTarget> posted = new LinkedBlockingQueue<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /** The kernel's inbox as the engines see it: what they post lands in {@link #posted}. */
    private final Inbox<EventTarget> inbox = new Inbox<>() {
        @Override public void bindConsumer(Thread consumer) {}
        @Override public void offer(EventTarget message) { posted.add(message); }
        @Override public int drain(Consumer<EventTarget> handler, int limit) { throw new UnsupportedOperationException(); }
        @Override public void idle(IdleStrategy idle, long parkNanos) { throw new UnsupportedOperationException(); }
    };

    private EventTarget next() throws InterruptedException {
        EventTarget t = posted.poll(60, TimeUnit.SECONDS); // deadlock guard only
        assertThat(t).as("a step end posted").isNotNull();
        return t;
    }

    @Test
    void eachStepEndIsPostedWhenTheWallClockReachesItsDeadlineWhateverTheEngine() throws Exception {
        EmulatedEngines engines = new EmulatedEngines(3, new VirtualClock(10, wall), inbox, warnings::add);
        try {
            EventTarget slow = now -> {};
            EventTarget fast = now -> {};
            engines.start(0, 0, 10_000_000, slow); // 10 ms of model time: 1 ms of wall time
            engines.start(2, 0, 5_000_000, fast);  // 0.5 ms of wall time

            wall.set(499_999);
            wall.awaitReads(3);
            assertThat(posted).isEmpty();
            wall.set(500_000);
            assertThat(next()).isSameAs(fast);
            wall.awaitReads(3);
            assertThat(posted).as("the slow step is not due yet").isEmpty();
            wall.set(1_000_000);
            assertThat(next()).isSameAs(slow);
            assertThat(warnings).as("steps of 0.5 and 1 ms of wall time are long enough").isEmpty();
        } finally {
            engines.close();
        }
        engines.thread().join();
        assertThat(engines.thread().isAlive()).isFalse();
    }

    @Test
    void stepsShorterThanTheRuntimeOverheadAreWarnedAboutOnce() throws Exception {
        EmulatedEngines engines = new EmulatedEngines(2, new VirtualClock(1000, wall), inbox, warnings::add);
        try {
            engines.start(0, 0, 60_000_000, now -> {}); // 60 us of wall time: fine
            assertThat(warnings).isEmpty();
            engines.start(1, 0, 40_000_000, now -> {}); // 40 us: under the overhead
            engines.start(0, 0, 1_000_000, now -> {});
            assertThat(warnings).singleElement().asString().contains("dilation 1000").contains("50 us");
        } finally {
            engines.close();
        }
        engines.thread().join();
    }
}
