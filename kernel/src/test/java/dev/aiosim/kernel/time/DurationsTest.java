package dev.aiosim.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "7ns|7", "40us|40000", "10µs|10000", "10μs|10000", "250ms|250000000", "1.5s|1500000000", "3sec|3000000000",
        "2m|120000000000", "2min|120000000000", "1h|3600000000000", "3|3000000000", "0.001|1000000", "0|0", "0ns|0",
        // fractions, both ends, exponents, spaces
        ".5s|500000000", "5.s|5000000000", "1.s|1000000000", "2.5h|9000000000000", "1e3us|1000000", "1.5E-3s|1500000",
        "2e+1ms|20000000", "  250 ms  |250000000", "1 sec|1000000000",
        // exact to the nanosecond, half up beyond it
        "0.000000001|1", "1.000000001s|1000000001", "0.5ns|1", "0.49ns|0", "1.5ns|2", "2.5ns|3", "0.1ms|100000",
        "1e-30s|0", "1e-9999999999h|0",
        // the largest durations that fit
        "9223372036854775807ns|9223372036854775807", "9223372036.854775807s|9223372036854775807"})
    void parsesEveryUnitExactly(String text, long nanos) {
        assertThat(Durations.parseNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "fast", "-1s", "s", "1s2", "1,5s", "1..5s", "e3", "+1s", "1 s s", "0x10", "NaN", "∞"})
    void rejectsGarbageWithTheExpectedForms(String text) {
        assertThatThrownBy(() -> Durations.parseNanos(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Durations.EXPECTED + ", got '" + text + "'");
        assertThatThrownBy(() -> Durations.parseSeconds(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Durations.EXPECTED + ", got '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"5 parsecs,parsecs", "3d,d", "1MS,MS", "2S,S", "10hours,hours", "1e,e"})
    void namesAnUnknownUnit(String text, String unit) {
        assertThatThrownBy(() -> Durations.parseNanos(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Durations.EXPECTED + ", got '" + text + "' (unknown unit '" + unit + "')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000000000h", "9223372036854775808ns", "9223372036.8547758075s", "153722867.3m",
        "1e19ns", "1e9999999999s", "99999999999999999999999999999999s"})
    void overflowIsAnErrorNamingTheValue(String text) {
        assertThatThrownBy(() -> Durations.parseNanos(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Durations.EXPECTED + ", got '" + text + "', which is out of range (more than "
                        + "9223372036854775807 ns, about 292 years)");
    }

    /** Random values in every unit: the nanoseconds are the exact product rounded half up, and the text names a unit. */
    @ParameterizedTest
    @MethodSource("randomDurations")
    void randomValuesAreExact(String number, String unit, long perUnit) {
        BigDecimal want = new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)).setScale(0, RoundingMode.HALF_UP);
        assertThat(Durations.parseNanos(number + unit)).isEqualTo(want.longValueExact());
        assertThat(Durations.hasUnit(number + unit)).isTrue();
        assertThat(Durations.hasUnit(number)).isFalse();
        double seconds = new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)).doubleValue() / 1e9;
        assertThat(Durations.parseSeconds(number + unit)).isCloseTo(seconds, Percentage.withPercentage(1e-9));
    }

    static Stream<Arguments> randomDurations() {
        String[] units = {"ns", "us", "µs", "ms", "s", "sec", "m", "min", "h"};
        long[] per = {1L, 1_000L, 1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000L, 60_000_000_000L, 60_000_000_000L,
            3_600_000_000_000L};
        SplittableRandom r = new SplittableRandom(20261201);
        return Stream.generate(() -> {
            int u = r.nextInt(units.length);
            String number = r.nextInt(1_000_000) + "." + String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000));
            return Arguments.of(number, units[u], per[u]);
        }).limit(40);
    }

    @ParameterizedTest
    @CsvSource({"64,false", "1s,true", "250ms,true", "2.5,false", "10µs,true", "3 min,true", "5 parsecs,false", "fast,false"})
    void knowsWhetherATimeUnitWasGiven(String text, boolean unit) {
        assertThat(Durations.hasUnit(text)).isEqualTo(unit);
    }

    @ParameterizedTest
    @CsvSource({"250ms,0.25", "2m,120", "1h,3600", "1.5,1.5", "40us,0.00004", "100ns,0.0000001", "3 sec,3", "10µs,0.00001"})
    void secondsForDistributionParameters(String text, double seconds) {
        assertThat(Durations.parseSeconds(text)).isEqualTo(seconds);
    }
}
