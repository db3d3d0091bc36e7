package dev.aiosim.kernel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Simulation#sampleEvery}: the timeline's rows, computed by hand, and a run that sampling leaves unchanged. */
class SimulationTimelineTest {
    private static final long S = 1_000_000_000L;

    /** One timeline row. */
    record Sample(long time, int engine, int queued, int running, long kv, long capacity) {}

    /** Keeps every row, sample and call. */
    static final class Recorder implements MetricsSink {
        final List<Sample> samples = new ArrayList<>();
        final List<CallRecord> calls = new ArrayList<>();
        final List<AgentRecord> agents = new ArrayList<>();

        @Override
        public void call(CallRecord r) {
            calls.add(r);
        }

        @Override
        public void agent(AgentRecord r) {
            agents.add(r);
        }

        @Override
        public void sample(long t, int engine, int queued, int running, long kv, long capacity) {
            samples.add(new Sample(t, engine, queued, running, kv, capacity));
        }
    }

    /**
     * Three one-call agents (10 prompt tokens, 5 output tokens) at t = 0 on one engine with 2
     * slots and 1 s steps: A and B run steps 0-5 s (KV 10 each at admission, +1 per step end),
     * then C runs 5-10 s. A sample at s shows the state after every event at s.
     */
    @Test
    void aConstantCostRunGivesTheRowsComputedByHand() {
        Recorder r = new Recorder();
        EngineConfig engine = EngineConfig.builder().slots(2).kvTokens(1000).costModel(new ConstantCostModel(S)).build();
        long[] next = {0};
        Simulation sim = new Simulation(KernelConfig.of(1, engine), id -> TestPolicy.fifo(), () -> {
            long i = next[0]++;
            return i >= 3 ? null : new AgentArrival(0, new AgentProcess(i, "a" + i, 0, 1, "g",
                    previous -> previous == null ? new LlmCall(10, 5) : null));
        }, r, Slo.NONE, Long.MAX_VALUE, null).sampleEvery(S / 2);
        RunMetrics m = sim.run();
        assertThat(m.makespanNanos()).isEqualTo(10 * S);
        assertThat(r.samples).hasSize(21); // 0, 0.5 s, ..., 10 s
        assertThat(r.samples.get(0)).isEqualTo(new Sample(0, 0, 1, 2, 20, 1000));
        assertThat(r.samples.get(1)).isEqualTo(new Sample(S / 2, 0, 1, 2, 20, 1000));
        assertThat(r.samples.get(2)).isEqualTo(new Sample(S, 0, 1, 2, 22, 1000));
        assertThat(r.samples.get(9)).isEqualTo(new Sample(9 * S / 2, 0, 1, 2, 28, 1000));
        assertThat(r.samples.get(10)).isEqualTo(new Sample(5 * S, 0, 0, 1, 10, 1000));
        assertThat(r.samples.get(18)).isEqualTo(new Sample(9 * S, 0, 0, 1, 14, 1000));
        assertThat(r.samples.get(20)).isEqualTo(new Sample(10 * S, 0, 0, 0, 0, 1000));
    }

    /**
     * One call at 0 s (steps 0-5 s) and one at 1000 s (1000-1005 s): of the idle stretch 5-999 s
     * only its first and last samples are written, and the busy ones all.
     */
    @Test
    void anIdleStretchWritesOnlyItsFirstAndLastSample() {
        Recorder r = new Recorder();
        EngineConfig engine = EngineConfig.builder().slots(2).kvTokens(1000).costModel(new ConstantCostModel(S)).build();
        long[] next = {0};
        new Simulation(KernelConfig.of(1, engine), id -> TestPolicy.fifo(), () -> {
            long i = next[0]++;
            return i >= 2 ? null : new AgentArrival(i * 1000 * S, new AgentProcess(i, "a" + i, 0, 1, "g",
                    previous -> previous == null ? new LlmCall(10, 5) : null));
        }, r, Slo.NONE, Long.MAX_VALUE, null).sampleEvery(S).run();
        assertThat(r.samples).extracting(x -> x.time() / S).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 999L, 1000L, 1001L,
                1002L, 1003L, 1004L, 1005L);
        assertThat(r.samples.get(4)).isEqualTo(new Sample(4 * S, 0, 0, 1, 14, 1000));
        assertThat(r.samples.get(5)).isEqualTo(new Sample(5 * S, 0, 0, 0, 0, 1000));
        assertThat(r.samples.get(6)).isEqualTo(new Sample(999 * S, 0, 0, 0, 0, 1000));
        assertThat(r.samples.get(7)).isEqualTo(new Sample(1000 * S, 0, 0, 1, 10, 1000));
    }

    @Test
    void aHorizonEndsTheTimelineAtTheHorizonAndEnginesComeInIdOrder() {
        Recorder r = new Recorder();
        EngineConfig engine = EngineConfig.builder().slots(2).kvTokens(1000).costModel(new ConstantCostModel(S)).build();
        long[] next = {0};
        new Simulation(KernelConfig.of(2, engine), id -> TestPolicy.fifo(), () -> {
            long i = next[0]++;
            return i >= 3 ? null : new AgentArrival(0, new AgentProcess(i, "a" + i, 0, 1, "g",
                    previous -> previous == null ? new LlmCall(10, 5) : null));
        }, r, Slo.NONE, 3 * S + 1, null).sampleEvery(S).run();
        // round-robin: A and C on engine 0, B on engine 1; samples at 0, 1, 2, 3 s
        assertThat(r.samples).extracting(Sample::time).containsExactly(0L, 0L, S, S, 2 * S, 2 * S, 3 * S, 3 * S);
        assertThat(r.samples).extracting(Sample::engine).containsExactly(0, 1, 0, 1, 0, 1, 0, 1);
        assertThat(r.samples.get(6)).isEqualTo(new Sample(3 * S, 0, 0, 2, 26, 1000));
        assertThat(r.samples.get(7)).isEqualTo(new Sample(3 * S, 1, 0, 1, 13, 1000));
    }

    /** Random agents with tool calls: the rows, events and makespan are the same with and without sampling. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void samplingChangesNothingInTheRun(long seed) {
        Recorder plain = new Recorder();
        RunMetrics a = randomRun(seed, plain, 0);
        Recorder sampled = new Recorder();
        RunMetrics b = randomRun(seed, sampled, 7_000_000);
        assertThat(plain.samples).isEmpty();
        assertThat(sampled.samples).isNotEmpty();
        assertThat(sampled.calls).isEqualTo(plain.calls);
        assertThat(sampled.agents).isEqualTo(plain.agents);
        assertThat(b.events()).isEqualTo(a.events());
        assertThat(b.makespanNanos()).isEqualTo(a.makespanNanos());
        assertThat(sampled.samples.get(sampled.samples.size() - 1).time()).isLessThanOrEqualTo(b.makespanNanos());
        for (int i = 1; i < sampled.samples.size(); i++) {
            assertThat(sampled.samples.get(i).time()).isGreaterThanOrEqualTo(sampled.samples.get(i - 1).time());
        }
    }

    @Test
    void aNegativeIntervalIsRefused() {
        Simulation sim = new Simulation(KernelConfig.of(1, EngineConfig.builder().slots(1).kvTokens(100)
                .costModel(new ConstantCostModel(S)).build()), id -> TestPolicy.fifo(), () -> null, MetricsSink.NONE,
                Slo.NONE, Long.MAX_VALUE, null);
        assertThatThrownBy(() -> sim.sampleEvery(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RunMetrics randomRun(long seed, Recorder sink, long interval) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int agents = 40;
        long[] times = new long[agents];
        for (int i = 1; i < agents; i++) {
            times[i] = times[i - 1] + rnd.nextLong(50_000_000);
        }
        int[][] shape = new int[agents][];
        for (int i = 0; i < agents; i++) {
            shape[i] = new int[] {1 + rnd.nextInt(3), 5 + rnd.nextInt(200), 1 + rnd.nextInt(60)};
        }
        EngineConfig engine = EngineConfig.builder().slots(4).kvTokens(600).costModel(new ConstantCostModel(3_000_000)).build();
        int[] next = {0};
        Simulation sim = new Simulation(KernelConfig.of(2, engine), id -> TestPolicy.fifo(), () -> {
            int i = next[0]++;
            if (i >= agents) {
                return null;
            }
            int[] s = shape[i];
            int[] done = {0};
            return new AgentArrival(times[i], new AgentProcess(i, "a" + i, 0, 1, "g", previous -> {
                if (done[0] >= 2 * s[0]) {
                    return null;
                }
                return done[0]++ % 2 == 0 ? new LlmCall(s[1], s[2]) : new ToolCall("t", 20_000_000);
            }));
        }, sink, Slo.NONE, Long.MAX_VALUE, null);
        return (interval == 0 ? sim : sim.sampleEvery(interval)).run();
    }
}
