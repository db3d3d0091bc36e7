package dev.aiosim.bench.costmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.engine.profiled.ProfiledCostModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grid against the attributed Vidur slice committed in bench/profiles, the error summary, the options. */
class ValidationGridTest {
    /** Tests run in bench/. */
    private static final Path PROFILE = Path.of("profiles/vidur-a100-llama-3-8b");

    @Test
    void theSummaryCountsOnlyMeasuredPoints() {
        StepShape s = new StepShape(1, 1, 0, 0);
        List<GridPoint> grid = List.of(
                new GridPoint("prefill", "a", s, true, 100, new double[] {110}),
                new GridPoint("prefill", "b", s, true, 200, new double[] {150}),
                new GridPoint("prefill", "c", s, false, 10, new double[] {100}));
        ErrorSummary e = ErrorSummary.of(grid, 0);
        assertThat(e.points()).isEqualTo(2);
        // |+10%| and |-25%|
        assertThat(e.meanAbs()).isCloseTo(0.175, within(1e-12));
        assertThat(e.maxAbs()).isCloseTo(0.25, within(1e-12));
        assertThat(e.worst()).isEqualTo("prefill b");
        assertThat(ErrorSummary.of(List.of(grid.get(2)), 0).points()).isZero();
    }

    @Test
    void aModelEqualToTheReferenceHasNoErrorAndUnmeasuredPointsAreMarked() {
        ProfiledCostModel ref = ProfiledCostModel.load(PROFILE, 32, 1, 0);
        List<GridPoint> grid = ValidationGrid.evaluate(ref, List.<CostModel>of(ref));
        assertThat(grid).hasSize(ValidationGrid.PREFILLS.length + ValidationGrid.BATCHES.length
                * ValidationGrid.CONTEXTS.length + ValidationGrid.CHUNKS.length);
        assertThat(ErrorSummary.of(grid, 0).maxAbs()).isZero();
        GridPoint p2k = find(grid, "prefill", "2048");
        assertThat(p2k.measured()).isTrue();
        // Vidur's 2,048-token prefill, 32 layers, no overhead (the 188.6 ms)
        assertThat(p2k.referenceMs()).isCloseTo(189.2, within(0.1));
        // 256 calls of 4,096 tokens did not fit the profiling GPU's memory: not measured
        assertThat(find(grid, "decode", "256 x 4096").measured()).isFalse();
        assertThat(find(grid, "decode", "128 x 2048").measured()).isTrue();
        assertThat(find(grid, "chunk", "2048 after 2048").measured()).isTrue();
    }

    @Test
    void thePrintedGridHasEverySectionTheSummaryAndTheTargets() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CostModelValidation.run(CostModelValidation.Options.parse(new String[] {PROFILE.toString()}),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("| 2048 | 189.20 |").contains("| 128 x 2048 |").contains("| per-operator | all |")
                .contains("prefill 2048 tokens: 190.0 ms (Vidur 188.6 ms, +0.8%)");
    }

    @Test
    void badOptionsAreOneClearLine() {
        assertThatThrownBy(() -> CostModelValidation.Options.parse(new String[0])).hasMessageContaining("expected PROFILE_DIR");
        assertThatThrownBy(() -> CostModelValidation.Options.parse(new String[] {"/no/such"}))
                .hasMessageContaining("/no/such").hasMessageContaining("(no such folder)");
        assertThatThrownBy(() -> CostModelValidation.Options.parse(new String[] {PROFILE.toString(), "--tp", "0"}))
                .hasMessage("--tp: expected an integer from 1 to 64, got '0'");
        assertThatThrownBy(() -> CostModelValidation.Options.parse(new String[] {PROFILE.toString(), "--mfu", "2"}))
                .hasMessage("--mfu: expected a number from 0.01 to 1.0, got '2'");
        assertThatThrownBy(() -> CostModelValidation.Options.parse(new String[] {PROFILE.toString(), "--layers", "3"}))
                .hasMessageContaining("--layers: unknown option");
        assertThatThrownBy(() -> CostModelValidation.Options.parse(new String[] {PROFILE.toString(), "--gpu"}))
                .hasMessage("--gpu: expected a value after it");
    }

    private static GridPoint find(List<GridPoint> grid, String section, String label) {
        return grid.stream().filter(p -> p.section().equals(section) && p.label().equals(label)).findFirst().orElseThrow();
    }
}
