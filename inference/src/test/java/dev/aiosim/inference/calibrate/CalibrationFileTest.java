package dev.aiosim.inference.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.engine.StepShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(Files.readString(f)).contains("# measured on: test").contains("kind = linear-step-cost");
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
