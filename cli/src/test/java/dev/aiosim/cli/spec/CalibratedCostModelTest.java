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
        assertThat(s.cluster().costModel()).isEqualTo(new CostModelChoice.Calibrated(dir.resolve("cal.properties"),
                new LinearStepCost(3e6, 5e4, 2, 4e5, 100), java.util.OptionalDouble.empty()));
        // no measured swap speed: the GPU's PCIe figure (H100-SXM's 64 GB/s, one GPU)
        assertThat(s.cluster().kernelConfig().engines().get(0).pcieBytesPerSec()).isEqualTo(s.cluster().gpuSpec().pcieBytesPerSec());
        assertThat(s.cluster().written().costModel().params()).doesNotContainKey("swap-bytes-per-sec");
        CostModel m = s.cluster().kernelConfig().engines().get(0).costModel();
        assertThat(m).isEqualTo(new LinearStepCost(3e6, 5e4, 2, 4e5, 100));
        assertThat(m.stepNanos(new StepShape(10, 55, 2, 300))).isEqualTo(3_000_000 + 500_000 + 110 + 800_000 + 30_000);
        assertThat(s.cluster().written().costModel().params()).containsEntry("path", dir.resolve("cal.properties").toString());
    }

    private static final String MODEL = """
            kind = linear-step-cost
            fixed = 3000000
            per-prefill-token = 50000
            per-prefill-pair = 2
            per-decode = 400000
            per-decode-context = 100
            """;

    @Test
    void aMeasuredSwapSpeedIsTheEnginesHostLinkAndTheResolvedSpecSaysSo() throws IOException {
        Files.writeString(dir.resolve("swap.properties"), MODEL + "swap-bytes-per-sec = 2.5e8\n");
        ResolvedSpec s = load("{kind: calibrated, path: swap.properties}");
        assertThat(s.cluster().kernelConfig().engines()).allSatisfy(e -> assertThat(e.pcieBytesPerSec()).isEqualTo(2.5e8));
        assertThat(s.cluster().written().costModel().params()).containsEntry("swap-bytes-per-sec", "2.5E8");
        // the spec's own figure wins, and a resolved spec read again runs alike
        ResolvedSpec given = load("{kind: calibrated, path: swap.properties, swap-bytes-per-sec: 1e9}");
        assertThat(given.cluster().kernelConfig().engines().get(0).pcieBytesPerSec()).isEqualTo(1e9);
        assertThat(given.cluster().written().costModel().params()).containsEntry("swap-bytes-per-sec", "1.0E9");
        // with tensor parallelism the measured figure is still the engine's (it was measured on the whole engine)
        String tp2 = SpecLoaderTest.SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  tensor-parallel: 2\n"
                + "  cost-model: {kind: calibrated, path: swap.properties}\n");
        ResolvedSpec t = loader.load(new SpecLoader.Source("t.yaml", tp2, dir, "t"), List.of());
        assertThat(t.cluster().kernelConfig().engines().get(0).pcieBytesPerSec()).isEqualTo(2.5e8);
    }

    @Test
    void aSwapSpeedOutOfRangeNamesTheFileOrFieldAndTheRange() throws IOException {
        Files.writeString(dir.resolve("slow.properties"), MODEL + "swap-bytes-per-sec = 12\n");
        assertThat(error("{kind: calibrated, path: slow.properties}")).contains("cluster.cost-model.path")
                .contains("slow.properties: key 'swap-bytes-per-sec': expected bytes per second from 1024 to 1e13, got '12'");
        Files.writeString(dir.resolve("ok.properties"), MODEL);
        assertThat(error("{kind: calibrated, path: ok.properties, swap-bytes-per-sec: fast}"))
                .contains("cluster.cost-model.swap-bytes-per-sec: expected bytes per second from 1024 to 1e13, got 'fast'");
        assertThat(error("{kind: calibrated, path: ok.properties, swap-bytes-per-sec: 0}"))
                .contains("cluster.cost-model.swap-bytes-per-sec: expected bytes per second from 1024 to 1e13, got '0'");
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
