package dev.aiosim.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventQueueTest {

    private record Ev(long time, long seq, int id) {}

    /** Same order as a PriorityQueue on (time, seq) under random interleaved adds and polls. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void matchesReferenceOrder(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EventQueue q = new EventQueue(4);
        PriorityQueue<Ev> ref = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        long seq = 0;
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            if (ref.isEmpty() || rnd.nextInt(3) > 0) {
                long t = now + rnd.nextLong(50); // many ties
                int id = rnd.nextInt(1_000_000);
                q.add(t, id);
                ref.add(new Ev(t, seq++, id));
            } else {
                Ev e = ref.poll();
                assertThat(q.peekTime()).isEqualTo(e.time);
                assertThat(q.peekId()).isEqualTo(e.id);
                assertThat(q.poll()).isEqualTo(e.id);
                now = e.time;
            }
            assertThat(q.size()).isEqualTo(ref.size());
        }
        while (!ref.isEmpty()) {
            assertThat(q.poll()).isEqualTo(ref.poll().id);
        }
        assertThat(q.isEmpty()).isTrue();
        assertThatThrownBy(q::poll).isInstanceOf(IllegalStateException.class);
    }
}
