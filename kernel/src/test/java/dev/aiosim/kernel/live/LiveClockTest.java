package dev.aiosim.kernel.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live clock's and timer's arithmetic on a hand-moved wall clock: deterministic, no sleeping. */
class LiveClockTest {
    private final ManualNanoClock wall = new ManualNanoClock();
    private final List<String> fired = new ArrayList<>();

    private EventTarget note(String name) {
        return now -> fired.add(name + "@" + now);
    }

    @Test
    void virtualTimeIsWallTimeSinceTheStartTimesTheDilation() {
        wall.set(1_000);
        VirtualClock c = new VirtualClock(250, wall);
        assertThat(c.now()).isZero();
        wall.set(1_004);
        assertThat(c.now()).isEqualTo(1_000);
        assertThat(c.wallElapsed()).isEqualTo(4);
        assertThat(c.wallAt(1_000)).isEqualTo(1_004);
        assertThat(c.wallAt(1_001)).as("rounded up: never wake before the virtual time").isEqualTo(1_005);
        assertThat(c.wallUntil(2_000)).isEqualTo(4);
        assertThat(c.wallUntil(500)).isEqualTo(-2);
    }

    @Test
    void aDilationBelowOneSlowsVirtualTimeDown() {
        VirtualClock c = new VirtualClock(0.5, wall);
        wall.set(3);
        assertThat(c.now()).isEqualTo(1);
        assertThat(c.wallAt(2)).isEqualTo(4);
    }

    @Test
    void aDilationThatIsNotAFinitePositiveNumberIsRefused() {
        for (double d : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new VirtualClock(d, wall)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dilation");
        }
    }

    @Test
    void wakeUpsFireWhenTheClockReachesThemInTimeOrderTiesInOrderOfAddition() {
        WallTimer timer = new WallTimer(new VirtualClock(10, wall), Long.MAX_VALUE);
        timer.at(1_000, note("late"));
        timer.at(500, note("a"));
        timer.at(500, note("b"));
        timer.endOfInstant(note("deferred"));

        assertThat(timer.fireDue()).isZero();
        assertThat(timer.runDeferred()).isEqualTo(1);
        assertThat(fired).containsExactly("deferred@0");
        assertThat(timer.wallUntilNext()).isEqualTo(50);

        wall.set(49);
        assertThat(timer.fireDue()).isZero();
        assertThat(timer.wallUntilNext()).isEqualTo(1);
        wall.set(50);
        assertThat(timer.fireDue()).isEqualTo(2);
        assertThat(fired).containsExactly("deferred@0", "a@500", "b@500");

        wall.set(99);
        assertThat(timer.fireDue()).isZero();
        wall.set(123);
        assertThat(timer.fireDue()).isEqualTo(1);
        assertThat(fired).last().isEqualTo("late@1230");
        assertThat(timer.wallUntilNext()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void virtualTimeStopsAtTheHorizon() {
        WallTimer timer = new WallTimer(new VirtualClock(10, wall), 700);
        timer.at(1_000, note("after"));
        assertThat(timer.wallUntilNext()).as("the horizon comes first").isEqualTo(70);
        wall.set(69);
        assertThat(timer.pastHorizon()).isFalse();
        assertThat(timer.now()).isEqualTo(690);
        wall.set(100);
        assertThat(timer.pastHorizon()).isTrue();
        assertThat(timer.now()).isEqualTo(700);
        assertThat(timer.fireDue()).isZero();
        assertThat(fired).isEmpty();
    }
}
