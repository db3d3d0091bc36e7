package dev.aiosim.bench.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.aiosim.kernel.live.Handoff;
import dev.aiosim.kernel.live.IdleStrategy;
import dev.aiosim.kernel.live.Inbox;
import dev.aiosim.kernel.live.Mailbox;
import dev.aiosim.kernel.live.ResultSlot;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.SyscallResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dispatch benchmark compares the live kernel's structures with the lock-based baseline; the
 * comparison is only fair if both deliver the same: every message exactly once, every result to
 * its waiter in order. The same checks run over both implementations.
 */
class BaselineStructuresTest {
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 20_000;

    static Stream<Arguments> inboxes() {
        return Stream.of(Arguments.of("locked", (Supplier<Inbox<Integer>>) LockedInbox::new),
                Arguments.of("lock-free", (Supplier<Inbox<Integer>>) Mailbox::mpsc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inboxes")
    void everyMessageOfEveryProducerArrivesOnceAndInProducerOrder(String name, Supplier<Inbox<Integer>> make) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Inbox<Integer> inbox = make.get();
            inbox.bindConsumer(Thread.currentThread());
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int base = p * PER_PRODUCER;
                producers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        inbox.offer(base + i);
                    }
                }));
            }
            int[] next = new int[PRODUCERS]; // the next value expected from each producer
            int[] received = {0};
            IdleStrategy idle = IdleStrategy.backoff(10, 10, 1_000_000);
            while (received[0] < PRODUCERS * PER_PRODUCER) {
                int n = inbox.drain(m -> {
                    int p = m / PER_PRODUCER;
                    assertThat(m % PER_PRODUCER).as("message from producer %d", p).isEqualTo(next[p]);
                    next[p]++;
                    received[0]++;
                }, 256);
                if (n == 0) {
                    inbox.idle(idle, 1_000_000);
                }
            }
            for (Thread t : producers) {
                t.join();
            }
            assertThat(next).containsOnly(PER_PRODUCER);
            assertThat(inbox.drain(m -> { }, 10)).isZero();
        });
    }

    static Stream<Arguments> slots() {
        return Stream.of(Arguments.of("locked", (Supplier<ResultSlot>) LockedSlot::new),
                Arguments.of("lock-free", (Supplier<ResultSlot>) Handoff::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slots")
    void aWaiterTakesEachResultOnceInOrder(String name, Supplier<ResultSlot> make) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ResultSlot slot = make.get();
            Inbox<Integer> requests = Mailbox.mpsc();
            requests.bindConsumer(Thread.currentThread());
            int rounds = 10_000;
            List<Integer> got = new ArrayList<>();
            Thread waiter = Thread.ofVirtual().unstarted(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        requests.offer(i);
                        got.add(slot.await().outputTokens());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            slot.bind(waiter);
            waiter.start();
            int answered = 0;
            IdleStrategy idle = IdleStrategy.backoff(10, 10, 1_000_000);
            while (answered < rounds) {
                int n = requests.drain(i -> slot.complete(new SyscallResult(new LlmCall(1, 1), 0, 0,
                        SyscallResult.Status.COMPLETED, i)), 1);
                answered += n;
                if (n == 0) {
                    requests.idle(idle, 1_000_000);
                }
            }
            waiter.join();
            assertThat(got).hasSize(rounds);
            for (int i = 0; i < rounds; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
        });
    }
}
