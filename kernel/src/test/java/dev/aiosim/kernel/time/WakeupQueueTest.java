package dev.aiosim.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WakeupQueueTest {
    /** A target that records its label when it is polled and fired. */
    private record Tag(int label, List<Integer> fired) implements EventTarget {
        @Override
        public void fire(long now) {
            fired.add(label);
        }
    }

    private record Expected(long time, long seq, int label) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void pollsTargetsInTimeThenAdditionOrderWhileSlotsAreReused(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        WakeupQueue q = new WakeupQueue(4); // grows many times
        PriorityQueue<Expected> model = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        List<Integer> fired = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        long seq = 0;
        int label = 0;
        for (int step = 0; step < 20_000; step++) {
            if (model.isEmpty() || r.nextInt(3) > 0) {
                long t = r.nextLong(50); // many ties
                q.add(t, new Tag(label, fired));
                model.add(new Expected(t, seq++, label++));
            } else {
                assertThat(q.peekTime()).isEqualTo(model.peek().time);
                q.poll().fire(0);
                expected.add(model.poll().label);
            }
            assertThat(q.size()).isEqualTo(model.size());
        }
        while (!q.isEmpty()) {
            q.poll().fire(0);
            expected.add(model.poll().label);
        }
        assertThat(fired).isEqualTo(expected);
    }
}
