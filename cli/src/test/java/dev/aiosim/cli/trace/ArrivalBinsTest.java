package dev.aiosim.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrivalBinsTest {
    @ParameterizedTest
    @CsvSource({"1, 1000, 500000000", "2, 5000, 60000000000", "3, 20000, 86400000000000", "4, 3000, 3000000000000000",
        "5, 100, 0"})
    void widensInBoundedMemoryAndKeepsExactCounts(long seed, int n, long span) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] offsets = new long[n];
        long[] calls = new long[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = span == 0 ? 0 : r.nextLong(span);
            calls[i] = r.nextInt(0, 4);
        }
        offsets[n - 1] = span;
        Arrays.sort(offsets);
        ArrivalBins bins = new ArrivalBins();
        for (int i = 0; i < n; i++) {
            bins.add(offsets[i], calls[i]);
        }
        assertThat(bins.used()).isBetween(1, ArrivalBins.MAX_BINS);
        long w = bins.width();
        assertThat(span / w).isLessThan(ArrivalBins.MAX_BINS);
        for (int b = 0; b < bins.used(); b++) {
            long from = b * w;
            long to = from + w;
            long agents = 0;
            long c = 0;
            for (int i = 0; i < n; i++) {
                if (offsets[i] >= from && offsets[i] < to) {
                    agents++;
                    c += calls[i];
                }
            }
            assertThat(bins.agents(b)).as("bin %d", b).isEqualTo(agents);
            assertThat(bins.calls(b)).as("bin %d", b).isEqualTo(c);
        }
    }
}
