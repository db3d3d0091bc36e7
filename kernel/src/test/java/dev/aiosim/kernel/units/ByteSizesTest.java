package dev.aiosim.kernel.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {
    @ParameterizedTest
    @CsvSource({"1000,1000", "0,0", "7B,7", "7b,7", "4KiB,4096", "4kib,4096", "4Ki,4096", "3MiB,3145728", "3Mi,3145728",
        "2GiB,2147483648", "2Gi,2147483648", "1TiB,1099511627776", "1Ti,1099511627776", "5kB,5000", "5KB,5000", "5k,5000",
        "5MB,5000000", "5M,5000000", "5GB,5000000000", "5G,5000000000", "5TB,5000000000000", "5T,5000000000000",
        "1.5GiB,1610612736", "64 GiB,68719476736", " 512MB ,512000000", ".5KiB,512", "5.KiB,5120", "1e3,1000", "1.5e3KB,1500000",
        "0.5B,1", "0.4B,0", "1.0001KiB,1024"})
    void parsesEveryUnit(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "big", "-1GiB", "GiB", "1,5GiB", "1GiB2", "0x10"})
    void rejectsGarbageWithTheExpectedForms(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ByteSizes.EXPECTED + ", got '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"12 parsecs,parsecs", "1EiB,EiB", "3bytes,bytes"})
    void namesAnUnknownUnit(String text, String unit) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).hasMessage(ByteSizes.EXPECTED + ", got '" + text
                + "' (unknown unit '" + unit + "')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8388608TiB", "9223372036854775808", "1e30B", "9300000000000000000", "9.3e18"})
    void overflowIsAnErrorNamingTheValue(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ByteSizes.EXPECTED + ", got '" + text + "', which is out of range (more than "
                        + Long.MAX_VALUE + " bytes)");
    }

    @ParameterizedTest
    @MethodSource("randomSizes")
    void randomValuesAreExact(String number, String unit, long perUnit) {
        BigDecimal want = new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)).setScale(0, RoundingMode.HALF_UP);
        assertThat(ByteSizes.parse(number + unit)).isEqualTo(want.longValueExact());
    }

    static Stream<Arguments> randomSizes() {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "kB", "MB", "GB", "TB"};
        long[] per = {1, 1L << 10, 1L << 20, 1L << 30, 1L << 40, 1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L};
        SplittableRandom r = new SplittableRandom(42);
        return Stream.generate(() -> {
            int u = r.nextInt(units.length);
            return Arguments.of(r.nextInt(100_000) + "." + r.nextInt(1000), units[u], per[u]);
        }).limit(30);
    }
}
