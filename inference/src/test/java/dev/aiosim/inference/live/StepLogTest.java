package dev.aiosim.inference.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A worker's step log gives back exactly what was added, in order, however far it grew. */
class StepLogTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 257, 3000})
    void givesBackEveryRecordAsAdded(int n) {
        SplittableRandom r = new SplittableRandom(n);
        StepLog log = new StepLog(3);
        List<long[]> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] v = new long[13];
            for (int j = 0; j < v.length; j++) {
                v[j] = r.nextLong(-1, 1L << 40);
            }
            added.add(v);
            log.add(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
        }
        List<StepRecord> out = new ArrayList<>();
        log.into(out);
        assertThat(log.size()).isEqualTo(n);
        assertThat(out).hasSize(n);
        for (int i = 0; i < n; i++) {
            long[] v = added.get(i);
            assertThat(out.get(i)).isEqualTo(new StepRecord(3, i, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                    v[9], v[10], v[11], v[12]));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 5})
    void aGapIsMeasuredOnlyWhenNotNegative(long gap) {
        StepRecord r = new StepRecord(0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, gap);
        assertThat(r.hasGap()).isEqualTo(gap >= 0);
        DjlStats s = new DjlStats();
        s.around(10, gap, 0, 0);
        assertThat(s.gaps()).isEqualTo(gap >= 0 ? 1 : 0);
        assertThat(Double.isNaN(s.meanGapNanos())).isEqualTo(gap < 0);
    }
}
