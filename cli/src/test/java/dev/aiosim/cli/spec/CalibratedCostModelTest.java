package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.inference.calibrate.LinearStepCost;
import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster.cost-model: {kind: calibrated, path: FILE}}: a fitted step-cost model from a calibration file. */
class CalibratedCostModelTest {
    @TempDir
    Path dir;

    private final SpecLoader loader = new SpecLoader(SchedulerRegistry.load());

    private ResolvedSpec load(String costModel) {
        String yaml = SpecLoaderTest.SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: " + costModel + "\n");
        return loader.load(new SpecLoader.Source("t.yaml", yaml, dir, "t"), List.of());
    }

    private String error(String costModel) {
        try {
            load(costModel);
        } catch (SpecException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected a SpecException");
    }

    @Test
    void aCalibrationFileGivesTheSpecItsFittedStepCosts() throws IOException {
        Files.writeString(dir.resolve("cal.properties"), """
                kind = linear-step-cost
                fixed = 3000000
                per-prefill-token = 50000
                per-prefill-pair = 2
                per-decode = 400000
                per-decode-context = 100
                """);
        ResolvedSpec s = load("{kind: calibrated, path: cal.properties}");
        assertThat(s.cluster().costModel()).isEqualTo(new CostModelChoice.Calibrated(dir.resolve("cal.properties")));
        CostModel m = s.cluster().kernelConfig().engines().get(0).costModel();
        assertThat(m).isEqualTo(new LinearStepCost(3e6, 5e4, 2, 4e5, 100));
        assertThat(m.stepNanos(new StepShape(10, 55, 2, 300))).isEqualTo(3_000_000 + 500_000 + 110 + 800_000 + 30_000);
        assertThat(s.cluster().written().costModel().params()).containsEntry("path", dir.resolve("cal.properties").toString());
    }

    @Test
    void badCalibrationsNameTheFieldAndWhatWasExpected() throws IOException {
        assertThat(error("{kind: calibrated}")).contains("cluster.cost-model.path: expected a calibration file").contains("got nothing");
        assertThat(error("{kind: calibrated, path: nope.properties}")).contains("cluster.cost-model.path").contains("(no such file)");
        assertThat(error("{kind: calibrated, path: x, file: y}")).contains("cluster.cost-model.file: unknown calibrated parameter 'file'");
        Files.writeString(dir.resolve("bad.properties"), "kind = linear-step-cost\nfixed = -1\n");
        assertThat(error("{kind: calibrated, path: bad.properties}")).contains("cluster.cost-model")
                .contains("key 'fixed': expected a number >= 0 (ns), got '-1'");
    }
}
