package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durationsParseWithUnitsAndPlainSeconds() {
        assertThat(DurationValue.parse("250ms").nanos()).isEqualTo(250_000_000L);
        assertThat(DurationValue.parse("1.5s").nanos()).isEqualTo(1_500_000_000L);
        assertThat(DurationValue.parse("2m").nanos()).isEqualTo(120_000_000_000L);
        assertThat(DurationValue.parse("1h").nanos()).isEqualTo(3_600_000_000_000L);
        assertThat(DurationValue.parse("40us").nanos()).isEqualTo(40_000L);
        assertThat(DurationValue.parse("7ns").nanos()).isEqualTo(7L);
        assertThat(DurationValue.parse("3").nanos()).isEqualTo(3_000_000_000L);
        assertThat(DurationValue.parse(" 0.25 ").nanos()).isEqualTo(250_000_000L);
        assertThat(DurationValue.of(JsonNodeFactory.instance.numberNode(2.5)).nanos()).isEqualTo(2_500_000_000L);
    }

    @Test
    void durationsWriteTheLargestExactUnitAndReadBack() {
        assertThat(DurationValue.parse("1.5s").text()).isEqualTo("1500ms");
        assertThat(DurationValue.parse("120s").text()).isEqualTo("2m");
        assertThat(DurationValue.parse("0").text()).isEqualTo("0s");
        for (String s : new String[] {"1500ms", "2m", "1h", "1ms", "7ns", "40us", "90m"}) {
            assertThat(DurationValue.parse(DurationValue.parse(s).text())).isEqualTo(DurationValue.parse(s));
        }
    }

    @Test
    void badDurationsSayWhatIsExpected() {
        assertThatThrownBy(() -> DurationValue.parse("fast")).hasMessageContaining("expected a duration like 250ms")
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> DurationValue.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationValue.of(JsonNodeFactory.instance.numberNode(-1))).hasMessageContaining("negative");
    }

    @Test
    void sizesParseBinaryAndDecimalUnits() {
        assertThat(ByteSize.parse("64GiB").bytes()).isEqualTo(64L << 30);
        assertThat(ByteSize.parse("512MB").bytes()).isEqualTo(512_000_000L);
        assertThat(ByteSize.parse("4KiB").bytes()).isEqualTo(4096);
        assertThat(ByteSize.parse("1.5GiB").bytes()).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("1000").bytes()).isEqualTo(1000);
        assertThat(ByteSize.parse("64GiB").text()).isEqualTo("64GiB");
        assertThat(ByteSize.parse("512MB").text()).isEqualTo("512MB");
        assertThat(ByteSize.parse("1001").text()).isEqualTo("1001");
        assertThatThrownBy(() -> ByteSize.parse("12 parsecs")).hasMessageContaining("unknown unit 'parsecs'");
    }

    /** Spec fields and policy parameters read durations the same way: 10µs is a step overhead and an rr quantum. */
    @Test
    void oneDurationSyntaxForSpecFieldsAndPolicyParameters() {
        SpecLoader loader = new SpecLoader(SchedulerRegistry.load());
        ResolvedSpec s = loader.load(new SpecLoader.Source("t.yaml", SpecLoaderTest.SPEC
                .replace("step-overhead: 2ms", "step-overhead: 10µs").replace("quantum: 64", "quantum: 10µs"),
                Path.of("/tmp"), "t"), List.of());
        assertThat(s.cluster().stepOverhead().nanos()).isEqualTo(10_000L);
        assertThatThrownBy(() -> loader.load(new SpecLoader.Source("t.yaml", SpecLoaderTest.SPEC
                .replace("step-overhead: 2ms", "step-overhead: 2000000000h"), Path.of("/tmp"), "t"), List.of()))
                .isInstanceOf(SpecException.class)
                .hasMessage("t.yaml:6:3: cluster.step-overhead: expected a duration like 250ms, 1.5s, 2m, 1h or a number"
                        + " of seconds, got '2000000000h', which is out of range (more than 9223372036854775807 ns, about 292 years)");
    }

    @Test
    void sizesOutOfRangeAreAnErrorNamingTheValue() {
        assertThatThrownBy(() -> ByteSize.parse("8388608TiB")).hasMessage(
                "expected a size like 64GiB, 512MB or a number of bytes, got '8388608TiB', which is out of range (more than "
                        + Long.MAX_VALUE + " bytes)");
        assertThat(ByteSize.parse("7B").bytes()).isEqualTo(7);
    }
}
