package dev.aiosim.kernel.engine.profiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineTableTest {
    private static final double EPS = 1e-12;

    /** Rectangular grid: outer 100, 200; inner 1, 3. */
    private static LineTable grid() {
        return LineTable.builder()
                .add(100, 1, 1.0).add(100, 3, 2.0)
                .add(200, 1, 3.0).add(200, 3, 7.0)
                .build();
    }

    @Test
    void onAGridItIsBilinear() {
        LineTable t = grid();
        assertThat(t.at(100, 1)).isEqualTo(1.0);
        assertThat(t.at(200, 3)).isEqualTo(7.0);
        // inner 2 on line 100: 1.5; on line 200: 5.0; outer 150: halfway = 3.25
        assertThat(t.at(150, 2)).isCloseTo(3.25, within(EPS));
        // outer 125, inner 1.5: line 100 -> 1.25, line 200 -> 4.0; a quarter of the way: 1.9375
        assertThat(t.at(125, 1.5)).isCloseTo(1.25 + 0.25 * (4.0 - 1.25), within(EPS));
    }

    @Test
    void linesMayBeMeasuredAtDifferentInnerKeys() {
        LineTable t = LineTable.builder()
                .add(64, 0, 0.011).add(64, 64, 0.014).add(64, 128, 0.017)
                .add(128, 0, 0.02).add(128, 128, 0.05)
                .build();
        // outer 96 halfway; inner 64: line 64 -> 0.014, line 128 -> 0.035
        assertThat(t.at(96, 64)).isCloseTo((0.014 + 0.035) / 2, within(EPS));
    }

    /** Decode-like lines: KV 512 measured at batches 6-256, KV 2048 at batches 1-128. */
    @Test
    void itCoversOnlyWhatWasMeasuredAroundAPoint() {
        LineTable t = LineTable.builder()
                .add(512, 6, 0.026).add(512, 256, 0.328)
                .add(2048, 1, 0.025).add(2048, 128, 0.67)
                .build();
        assertThat(t.covers(512, 6)).isTrue();
        assertThat(t.covers(512, 256)).isTrue();
        // cleaning widened line 2048 to the keys of line 512 (up to 256), but 256 was not measured there
        assertThat(t.covers(2048, 256)).isFalse();
        assertThat(t.covers(2048, 1)).isTrue();
        assertThat(t.covers(512, 1)).isFalse();
        // between the lines both must have measured the inner key
        assertThat(t.covers(1024, 64)).isTrue();
        assertThat(t.covers(1024, 3)).isFalse();
        assertThat(t.covers(1024, 200)).isFalse();
        // beyond the first or last line
        assertThat(t.covers(256, 64)).isFalse();
        assertThat(t.covers(4096, 64)).isFalse();
    }

    @Test
    void aLineBelowTheLineUnderItIsRaisedToIt() {
        LineTable t = LineTable.builder()
                .add(1, 10, 5.0).add(1, 20, 6.0).add(1, 30, 9.0)
                .add(2, 10, 4.0).add(2, 20, 7.0).add(2, 40, 8.0)
                .build();
        assertThat(t.at(2, 10)).isEqualTo(5.0);
        assertThat(t.at(2, 20)).isEqualTo(7.0);
        // inner 30 was measured only on line 1 (9.0); line 2 there would be 7.5
        assertThat(t.at(2, 30)).isEqualTo(9.0);
        // line 1 beyond 30 continues with slope (9 - 6) / 10 = 0.3 -> 15 at 50; line 2's own trend is lower
        assertThat(t.at(2, 50)).isCloseTo(Math.max(8.0 + 0.3 * 10, 9.0 + 0.3 * 20), within(EPS));
        assertThat(t.at(2, 50)).isGreaterThanOrEqualTo(t.at(1, 50));
    }

    @Test
    void outsideTheLinesTheEdgesHoldBelowAndContinueAbove() {
        LineTable t = grid();
        assertThat(t.at(50, 1)).isEqualTo(1.0);
        // above 200: line 200 scaled by 300 / 200
        assertThat(t.at(300, 1)).isCloseTo(3.0 * 1.5, within(EPS));
        // inner above 3: line 200 continues with its end slope (7 - 3) / 2 = 2 -> 9 at 4
        assertThat(t.at(200, 4)).isCloseTo(9.0, within(EPS));
        assertThat(t.at(300, 4)).isCloseTo(9.0 * 1.5, within(EPS));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void onARandomGridTheTimeNeverFallsAsEitherKeyGrows(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LineTable.Builder b = LineTable.builder();
        int[] outer = {32, 64, 256, 1024};
        int[] inner = {1, 2, 8, 32, 128};
        for (int o : outer) {
            for (int i : inner) {
                b.add(o, i, (0.02 + 1e-5 * o * i) * (0.9 + 0.2 * r.nextDouble()));
            }
        }
        LineTable t = b.build();
        for (int step = 0; step < 200; step++) {
            double o = r.nextDouble(0, 1500);
            double i = r.nextDouble(0, 200);
            double d = r.nextDouble(0, 50);
            assertThat(t.at(o + d, i)).isGreaterThanOrEqualTo(t.at(o, i) - EPS);
            assertThat(t.at(o, i + d)).isGreaterThanOrEqualTo(t.at(o, i) - EPS);
        }
    }
}
