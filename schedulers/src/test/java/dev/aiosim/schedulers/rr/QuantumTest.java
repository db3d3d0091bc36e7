package dev.aiosim.schedulers.rr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantumTest {
    /** A time quantum takes every unit of the one duration syntax, µs included. */
    @ParameterizedTest
    @CsvSource({"10µs,10000", "10us,10000", "250ms,250000000", "1s,1000000000", "1.5 sec,1500000000", "2m,120000000000",
        "1min,60000000000", "1h,3600000000000", "7ns,7", ".5ms,500000"})
    void aDurationIsATimeQuantum(String text, long nanos) {
        assertThat(Quantum.parse(text)).isEqualTo(new Quantum.Time(nanos));
    }

    @ParameterizedTest
    @CsvSource({"64,64", "1,1", " 3 ,3"})
    void aPlainNumberIsTokens(String text, int tokens) {
        assertThat(Quantum.parse(text)).isEqualTo(new Quantum.Tokens(tokens));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-4", "2.5", "fast", "5 parsecs", ""})
    void otherTextIsRefusedWithBothForms(String text) {
        assertThatThrownBy(() -> Quantum.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a quantum in tokens (e.g. 64) or time (e.g. 1s, 250ms), got '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0.1ns"})
    void aTimeQuantumOfZeroIsRefused(String text) {
        assertThatThrownBy(() -> Quantum.parse(text)).hasMessage("expected a quantum > 0, got '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000000000h", "9223372036854775808ns"})
    void aTimeQuantumOutOfRangeIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> Quantum.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "', which is out of range");
    }
}
