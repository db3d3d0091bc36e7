package dev.aiosim.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link InOrder}: whatever order the tasks finish in (drawn by a seeded generator), results are
 * committed in task order, never more than the window are started and not committed, and a
 * failed task stops the rest, discards what finished after it and is rethrown.
 */
class InOrderTest {
    static Stream<long[]> cases() {
        SplittableRandom r = new SplittableRandom(42);
        return IntStream.range(0, 40).mapToObj(i -> new long[] {r.nextLong(), 1 + r.nextInt(40), 1 + r.nextInt(6)});
    }

    /**
     * Tasks that finish out of order, without threads: when the pipeline waits for one, a random
     * number of the other started tasks (drawn by a seeded generator) finish first, in random order.
     */
    private static final class Tasks {
        final List<Task> started = new ArrayList<>();
        final Random random;
        final int failAt;
        int maxOpen;
        int committed;

        Tasks(long seed, int failAt) {
            this.random = new Random(seed);
            this.failAt = failAt;
        }

        Task start(int i) {
            Task t = new Task(i);
            started.add(t);
            maxOpen = Math.max(maxOpen, started.size() - committed);
            return t;
        }

        void finish(Task t) {
            if (!t.isDone()) {
                if (t.index == failAt) {
                    t.completeExceptionally(new IllegalStateException("task " + t.index + " failed"));
                } else {
                    t.complete(t.index);
                }
            }
        }

        final class Task extends CompletableFuture<Integer> {
            final int index;

            Task(int index) {
                this.index = index;
            }

            @Override
            public Integer get() throws InterruptedException, java.util.concurrent.ExecutionException {
                List<Task> open = new ArrayList<>(started.stream().filter(x -> !x.isDone() && x != this).toList());
                Collections.shuffle(open, random);
                open.subList(0, random.nextInt(open.size() + 1)).forEach(Tasks.this::finish);
                finish(this);
                return super.get();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void resultsAreCommittedInTaskOrderWithinTheWindow(long[] c) {
        int count = (int) c[1];
        int window = (int) c[2];
        Tasks t = new Tasks(c[0], -1);
        List<Integer> commits = new ArrayList<>();
        InOrder.run(window, count, t::start, () -> false, r -> {
            commits.add(r);
            t.committed++;
        }, () -> { }, r -> { });
        assertThat(commits).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(t.maxOpen).isLessThanOrEqualTo(window);
        assertThat(t.started).hasSize(count);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aFailedTaskStopsTheRestAndIsRethrown(long[] c) {
        int count = (int) c[1];
        int failAt = (int) (Math.abs(c[0]) % count);
        Tasks t = new Tasks(c[0], failAt);
        List<Integer> commits = new ArrayList<>();
        List<Integer> discarded = new ArrayList<>();
        AtomicInteger aborts = new AtomicInteger();
        assertThatThrownBy(() -> InOrder.run((int) c[2], count, t::start, () -> aborts.get() > 0, r -> {
            commits.add(r);
            t.committed++;
        }, aborts::incrementAndGet, discarded::add)).isInstanceOf(IllegalStateException.class).hasMessage("task " + failAt + " failed");
        assertThat(commits).containsExactlyElementsOf(IntStream.range(0, failAt).boxed().toList());
        assertThat(aborts.get()).isEqualTo(1);
        assertThat(discarded).allMatch(i -> i > failAt);
        assertThat(t.started).allMatch(CompletableFuture::isDone); // every started task ended before the failure was rethrown
    }
}
