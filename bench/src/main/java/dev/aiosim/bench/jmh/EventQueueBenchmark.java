package dev.aiosim.bench.jmh;

import dev.aiosim.kernel.time.EventQueue;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic hold model: with N events pending, remove the earliest and add one a random delay
 * later (exponential, mean 1 ms, from a precomputed table of 65,536). Compares aiosim's primitive
 * struct-of-arrays heap ({@link EventQueue}) with the object baseline it replaced,
 * {@code PriorityQueue<Event>} of records ordered by time, then sequence (DESIGN.md §4). One
 * operation = one poll + one add, so the queue keeps exactly N events; the score is nanoseconds
 * per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
    @Param({"1000", "10000", "100000", "1000000"})
    int pending;

    private static final int DELAYS = 1 << 16;
    private final long[] delays = new long[DELAYS];
    private int next;
    private EventQueue queue;
    private PriorityQueue<Event> baseline;
    private long now;
    private long seq;

    /** What an object-based event queue holds per event. */
    record Event(long time, long seq, int id) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < DELAYS; i++) {
            delays[i] = 1 + (long) (-Math.log(1 - rnd.nextDouble()) * 1_000_000); // exponential, mean 1 ms
        }
        queue = new EventQueue(pending);
        baseline = new PriorityQueue<>(pending);
        for (int i = 0; i < pending; i++) {
            long t = delays[i & (DELAYS - 1)] * (1 + i % 7);
            queue.add(t, i);
            baseline.add(new Event(t, seq++, i));
        }
    }

    @Benchmark
    public int primitiveHeap() {
        long t = queue.peekTime();
        int id = queue.poll();
        queue.add(t + delays[next++ & (DELAYS - 1)], id);
        return id;
    }

    @Benchmark
    public int priorityQueueBaseline() {
        Event e = baseline.poll();
        baseline.add(new Event(e.time + delays[next++ & (DELAYS - 1)], seq++, e.id));
        return e.id;
    }
}
