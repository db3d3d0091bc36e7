package dev.aiosim.inference.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.engine.StepShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalibrationFileTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenFitReadsBackAsTheSameModel() throws IOException {
        LinearStepCost truth = new LinearStepCost(1.5e6, 3e4, 2.5, 4e5, 150);
        List<StepSample> samples = new ArrayList<>();
        for (StepShape s : StepCostFitTest.grid(new java.util.SplittableRandom(5))) {
            samples.add(new StepSample(s, Math.round(truth.predict(s))));
        }
        StepCostFit.Result fit = StepCostFit.fit(samples, 2);
        Path f = dir.resolve("cal.properties");
        CalibrationFile.write(f, fit, "test");
        assertThat(CalibrationFile.read(f)).isEqualTo(fit.model());
        assertThat(CalibrationFile.load(f).swapBytesPerSec()).isEmpty();
        assertThat(Files.readString(f)).contains("# measured on: test").contains("kind = linear-step-cost")
                .contains("mean |relative error| 0.0%").doesNotContain("swap");
    }

    @Test
    void aMeasuredSwapSpeedReadsBackWithTheModel() throws IOException {
        List<StepSample> samples = new ArrayList<>();
        for (StepShape s : StepCostFitTest.grid(new java.util.SplittableRandom(6))) {
            samples.add(new StepSample(s, 1000 + s.prefillTokens() * 7 + s.decodeTokens() * 11L));
        }
        StepCostFit.Result fit = StepCostFit.fit(samples, 2);
        // 3 MiB out in 30 ms, 3 MiB in in 10 ms: 6 MiB in 40 ms
        SwapRate swap = new SwapRate(3 << 20, 30_000_000, 3 << 20, 10_000_000);
        assertThat(swap.outMibPerSec()).isCloseTo(100, within(1e-9));
        assertThat(swap.inMibPerSec()).isCloseTo(300, within(1e-9));
        assertThat(swap.bytesPerSec()).isCloseTo((6 << 20) / 0.04, within(1e-6));
        Path f = dir.resolve("swap.properties");
        CalibrationFile.write(f, fit, "test", swap);
        CalibrationFile.Contents c = CalibrationFile.load(f);
        assertThat(c.model()).isEqualTo(fit.model());
        assertThat(c.swapBytesPerSec()).hasValue(swap.bytesPerSec());
        assertThat(Files.readString(f)).contains("(100.0 MiB/s)").contains("(300.0 MiB/s)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1023", "-5", "2e13", "fast", "NaN", "Infinity", ""})
    void aSwapSpeedOutOfRangeNamesTheFileAndKey(String v) throws IOException {
        Path f = Files.writeString(dir.resolve("s.properties"), "kind = linear-step-cost\nfixed = 1\nper-prefill-token = 1\n"
                + "per-prefill-pair = 1\nper-decode = 1\nper-decode-context = 1\nswap-bytes-per-sec = " + v + "\n");
        assertThatThrownBy(() -> CalibrationFile.load(f))
                .hasMessage(f + ": key 'swap-bytes-per-sec': expected bytes per second from 1024 to 1e13, got '" + v + "'");
        assertThatThrownBy(() -> CalibrationFile.write(dir.resolve("w.properties"),
                StepCostFit.fit(List.of(sample(1), sample(2), sample(3), sample(4), sample(5)), 1), "t",
                java.util.OptionalDouble.of(1023), null)).hasMessageContaining("expected bytes per second from 1024 to 1e13");
        assertThat(Files.exists(dir.resolve("w.properties"))).isFalse();
    }

    private static StepSample sample(int n) {
        return new StepSample(new StepShape(n, n * n, n, n * 10L), 1000L * n);
    }

    @Test
    void aWrongFileIsOneClearLine() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.properties"), "kind = linear-step-cost\nfixed = 1\nper-prefill-token = x\n");
        assertThatThrownBy(() -> CalibrationFile.read(f))
                .hasMessage(f + ": key 'per-prefill-token': expected a number >= 0 (ns), got 'x'");
        Path g = Files.writeString(dir.resolve("kind.properties"), "kind = roofline\n");
        assertThatThrownBy(() -> CalibrationFile.read(g)).hasMessage(g + ": key 'kind': expected linear-step-cost, got 'roofline'");
        Path h = Files.writeString(dir.resolve("neg.properties"),
                "kind = linear-step-cost\nfixed = 1\nper-prefill-token = 1\nper-prefill-pair = -1\nper-decode = 1\nper-decode-context = 1\n");
        assertThatThrownBy(() -> CalibrationFile.read(h)).hasMessage(h + ": key 'per-prefill-pair': expected a number >= 0 (ns), got '-1'");
    }
}
