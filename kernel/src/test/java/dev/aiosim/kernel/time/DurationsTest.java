package dev.aiosim.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"250ms,250000000", "1.5s,1500000000", "2m,120000000000", "1h,3600000000000", "40us,40000",
        "100ns,100", "3,3000000000", "0.001,1000000"})
    void parses(String text, long nanos) {
        assertThat(Durations.parseNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "1 sec", "-1s", "1.s"})
    void rejectsWithExpectedForms(String text) {
        assertThatThrownBy(() -> Durations.parseNanos(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a duration like 250ms");
    }

    @ParameterizedTest
    @CsvSource({"64,false", "1s,true", "250ms,true", "2.5,false"})
    void knowsWhetherAUnitWasGiven(String text, boolean unit) {
        assertThat(Durations.hasUnit(text)).isEqualTo(unit);
    }
}
