package dev.aiosim.workloads.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.ReplaySpec;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayTest {
    private static final long S = 1_000_000_000L;

    /** 100 agents, one per second at 0 s, 1 s, ..., 99 s; counts how many rows were read. */
    private static final class Seconds implements AgentSource {
        int read;
        boolean closed;

        @Override
        public AgentArrival next() {
            if (read == 100) {
                return null;
            }
            int i = read++;
            return new AgentArrival(i * S, new AgentProcess(i, "a" + i, 0, 1, "g", prev -> prev == null ? new LlmCall(10, 5) : null));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<AgentArrival> replay(ReplayOptions o, long seed) {
        return Drive.all(Replay.open(Seconds::new, o, seed));
    }

    private static ReplayOptions opts(String window, double sample, long limit, double speedup, double rate) {
        long[] w = window == null ? new long[] {0, Long.MAX_VALUE} : ReplayOptions.parseWindow(window);
        return new ReplayOptions(w[0], w[1], sample, limit, speedup, rate);
    }

    @Test
    void noOptionsHandsTheTraceThrough() {
        List<AgentArrival> all = replay(ReplayOptions.NONE, 1);
        assertThat(all).hasSize(100);
        assertThat(all.get(37).time()).isEqualTo(37 * S);
    }

    @Test
    void windowKeepsArrivalsInFromToAndShiftsThemToZero() {
        Seconds src = new Seconds();
        List<AgentArrival> all = Drive.all(Replay.open(() -> src, opts("10s..20s", 1, Long.MAX_VALUE, 1, 0), 1));
        assertThat(all).extracting(a -> a.agent().pid()).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(all).extracting(AgentArrival::time).containsExactly(0L, S, 2 * S, 3 * S, 4 * S, 5 * S, 6 * S, 7 * S, 8 * S, 9 * S);
        // streaming: stops at the first agent past the window instead of reading the rest
        assertThat(src.read).isEqualTo(21);
    }

    @Test
    void openWindowsRunToTheEndOrFromTheStart() {
        assertThat(replay(opts("95s..", 1, Long.MAX_VALUE, 1, 0), 1)).hasSize(5);
        assertThat(replay(opts("..5s", 1, Long.MAX_VALUE, 1, 0), 1)).hasSize(5);
    }

    @Test
    void limitStopsAfterNAgentsWithoutReadingFurther() {
        Seconds src = new Seconds();
        List<AgentArrival> all = Drive.all(Replay.open(() -> src, opts(null, 1, 7, 1, 0), 1));
        assertThat(all).hasSize(7);
        assertThat(src.read).isEqualTo(7);
    }

    @Test
    void sampleIsSeededAndKeepsRoughlyTheShare() {
        List<AgentArrival> a = replay(opts(null, 0.3, Long.MAX_VALUE, 1, 0), 42);
        List<AgentArrival> b = replay(opts(null, 0.3, Long.MAX_VALUE, 1, 0), 42);
        List<AgentArrival> c = replay(opts(null, 0.3, Long.MAX_VALUE, 1, 0), 43);
        assertThat(a).extracting(x -> x.agent().pid()).isEqualTo(b.stream().map(x -> x.agent().pid()).toList());
        assertThat(a).extracting(x -> x.agent().pid()).isNotEqualTo(c.stream().map(x -> x.agent().pid()).toList());
        // binomial(100, 0.3): mean 30, sd 4.6; 5 sd either side
        assertThat(a.size()).isBetween(7, 53);
        // kept agents keep their times (no window) in order
        assertThat(a).isSortedAccordingTo((x, y) -> Long.compare(x.time(), y.time()));
    }

    @Test
    void limitAppliesAfterTheSampleAndTheSampleDoesNotDependOnTheLimit() {
        List<AgentArrival> all = replay(opts(null, 0.5, Long.MAX_VALUE, 1, 0), 9);
        List<AgentArrival> first5 = replay(opts(null, 0.5, 5, 1, 0), 9);
        assertThat(first5).extracting(x -> x.agent().pid())
                .isEqualTo(all.subList(0, 5).stream().map(x -> x.agent().pid()).toList());
    }

    @ParameterizedTest
    @ValueSource(doubles = {2, 10, 0.5})
    void speedupDividesArrivalTimes(double x) {
        List<AgentArrival> all = replay(opts("10s..", 1, Long.MAX_VALUE, x, 0), 1);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).time()).isEqualTo(Math.round(i * S / x));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.25, 4, 100})
    void rateRescalesToTheTargetMeanRate(double rate) {
        List<AgentArrival> all = replay(opts("20s..60s", 1, Long.MAX_VALUE, 1, rate), 1);
        assertThat(all).hasSize(40);
        double span = (all.get(39).time() - all.get(0).time()) / 1e9;
        assertThat(39 / span).isCloseTo(rate, within(rate * 1e-6));
    }

    @Test
    void rateNeedsTwoAgentsAtDistinctTimes() {
        assertThatThrownBy(() -> replay(opts(null, 1, 1, 1, 5), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate: cannot rescale to 5.0 agents/s: the selection has 1 agent(s)");
    }

    @Test
    void sourceIsClosed() {
        Seconds src = new Seconds();
        Supplier<AgentSource> open = () -> src;
        try (AgentSource s = Replay.open(open, opts(null, 1, 3, 1, 0), 1)) {
            Drive.all(s);
        }
        assertThat(src.closed).isTrue();
    }

    @Test
    void windowTextIsParsedOrRejectedWithWhatWasExpected() {
        assertThat(ReplayOptions.parseWindow("10m..20m")).containsExactly(600 * S, 1200 * S);
        assertThat(ReplayOptions.parseWindow("1.5s..")).containsExactly(1_500_000_000L, Long.MAX_VALUE);
        for (String bad : List.of("10m", "20m..10m", "a..b", "1s..2s..3s", "5s..5s")) {
            assertThatThrownBy(() -> ReplayOptions.parseWindow(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected FROM..TO").hasMessageContaining(bad);
        }
    }

    @Test
    void specFieldsAreCheckedWithTheirPath() {
        assertThatThrownBy(() -> new ReplaySpec(null, 1.5, null, null, null).toOptions("workload.replay"))
                .hasMessage("workload.replay.sample: expected a probability in (0, 1], got 1.5");
        assertThatThrownBy(() -> new ReplaySpec(null, null, 0L, null, null).toOptions("workload.replay"))
                .hasMessage("workload.replay.limit: expected an integer >= 1, got 0");
        assertThatThrownBy(() -> new ReplaySpec(null, null, null, -2.0, null).toOptions("workload.replay"))
                .hasMessage("workload.replay.speedup: expected a number > 0, got -2");
        assertThatThrownBy(() -> new ReplaySpec(null, null, null, 2.0, 3.0).toOptions("workload.replay"))
                .hasMessageStartingWith("workload.replay.rate: expected either speedup or rate");
        assertThatThrownBy(() -> new ReplaySpec("x", null, null, null, null).toOptions("workload.replay"))
                .hasMessageStartingWith("workload.replay.window: expected FROM..TO");
        assertThatThrownBy(() -> new WorkloadSpec(3, null, null, null, null, null, null, new ReplaySpec("1s..2s", null, null, null, null))
                .validate("workload")).hasMessageContaining("workload.replay: not used without trace");
    }

    @Test
    void realAzureTraceRescaledToTwentyPerSecond() {
        Path conv = Path.of("../../shared/traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv");
        Assumptions.assumeTrue(Files.isRegularFile(conv), "shared traces not present");
        WorkloadSpec spec = new WorkloadSpec(null, null, null, null, conv.toAbsolutePath().toString(), null, null,
                new ReplaySpec("5m..15m", null, null, null, 20.0));
        List<AgentArrival> all = Drive.all(Workloads.open(spec, 1, Path.of(".")));
        long inWindow;
        try (AgentSource s = Workloads.open(WorkloadSpec.trace(conv.toAbsolutePath().toString(), null, null), 1, Path.of("."))) {
            inWindow = Drive.all(s).stream().filter(a -> a.time() >= 300 * S && a.time() < 900 * S).count();
        }
        assertThat(all).hasSize((int) inWindow);
        double span = (all.get(all.size() - 1).time() - all.get(0).time()) / 1e9;
        assertThat((all.size() - 1) / span).isCloseTo(20, within(1e-6));
    }
}
