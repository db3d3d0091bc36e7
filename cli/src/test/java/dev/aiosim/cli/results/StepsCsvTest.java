package dev.aiosim.cli.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The milliseconds of {@code steps.csv}: exact nanoseconds, six decimals. */
class StepsCsvTest {
    @ParameterizedTest
    @CsvSource({"0, 0.000000", "5, 0.000005", "1234567, 1.234567", "1000000, 1.000000", "-1500000, -1.500000",
        "987654321012, 987654.321012"})
    void nanosAsMillis(long nanos, String text) {
        assertThat(StepsCsv.ms(nanos)).isEqualTo(text);
    }

    @Test
    void parsesBackToTheSameNanos() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            long n = r.nextLong(0, 1L << 45);
            assertThat(new java.math.BigDecimal(StepsCsv.ms(n)).movePointRight(6).longValueExact()).isEqualTo(n);
        }
    }
}
