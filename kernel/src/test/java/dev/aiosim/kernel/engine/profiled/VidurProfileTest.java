package dev.aiosim.kernel.engine.profiled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VidurProfileTest {
    private static final double EPS = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void readsTheSliceOfVidursTables() {
        VidurProfile p = VidurProfile.read(Slice.dir(), 1);
        // mlp.csv row num_tokens 128, tp 1: sum of the nine per-layer medians
        assertThat(p.tokenOps().at(128)).isCloseTo(0.412, within(EPS));
        // two rows at 2048 average 4.49; the row at 2032 (4.497) is higher, so 2048 is raised to it
        assertThat(p.tokenOps().at(2048)).isCloseTo(4.497, within(EPS));
        assertThat(p.prefillAttention().at(2048, 0)).isCloseTo(0.31, within(EPS));
        assertThat(p.prefillAttention().at(2048, 4096)).isCloseTo(1.211, within(EPS));
        // decode at KV 2048, batch 128: two rows, 0.67 and 0.667
        assertThat(p.decodeAttention().at(2048, 128)).isCloseTo(0.6685, within(EPS));
        // KV-cache write at 2048 tokens: mean of the eight chunk-2048 rows
        assertThat(p.kvCacheSave().at(2048)).isCloseTo(8.789 / 8, within(EPS));
    }

    @Test
    void interpolatesBetweenMeasuredRows() {
        VidurProfile p = VidurProfile.read(Slice.dir(), 1);
        // tokens 7437 between 7424 (15.5485) and 7488 (15.622)
        assertThat(p.tokenOps().at(7437)).isCloseTo(15.5485 + 13.0 / 64 * (15.622 - 15.5485), within(EPS));
        // prefill chunk 2080 at KV 0: halfway between chunk 2048 (0.31) and 2112 (0.336)
        assertThat(p.prefillAttention().at(2080, 0)).isCloseTo(0.323, within(EPS));
        // chunk 2048 at KV 3072: halfway between KV 2048 (0.763) and 4096 (1.211)
        assertThat(p.prefillAttention().at(2048, 3072)).isCloseTo(0.987, within(EPS));
        // decode batch 156 at KV 2080: KV 2048 line 0.748..0.776 -> 0.762; KV 2112 line 0.773..0.801 -> 0.787
        assertThat(p.decodeAttention().at(2080, 156)).isCloseTo((0.762 + 0.787) / 2, within(EPS));
    }

    @Test
    void keepsOnlyTheRowsOfTheTensorParallelDegree() throws IOException {
        Path dir = copySlice();
        // the slice's mlp.csv has tp 2 rows at 128 and 2048 only; attention.csv has none
        assertThatThrownBy(() -> VidurProfile.read(dir, 2))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessage(dir.resolve("attention.csv") + ": no row with num_tensor_parallel_workers = 2 (the file has [1])");
        assertThatThrownBy(() -> VidurProfile.read(dir, 4))
                .hasMessage(dir.resolve("mlp.csv") + ": no row with num_tensor_parallel_workers = 4 (the file has [1, 2])");
    }

    @Test
    void aBadTimeIsReportedWithFileLineAndColumn() throws IOException {
        Path dir = copySlice();
        replaceField(dir.resolve("mlp.csv"), 3, "time_stats.mlp_up_proj.median", "fast");
        assertThatThrownBy(() -> VidurProfile.read(dir, 1))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessage(dir.resolve("mlp.csv") + ":3: time_stats.mlp_up_proj.median: expected a time in"
                        + " milliseconds from 0 to 1e9, got 'fast'");
        replaceField(dir.resolve("mlp.csv"), 3, "time_stats.mlp_up_proj.median", "-0.5");
        assertThatThrownBy(() -> VidurProfile.read(dir, 1)).hasMessageContaining(":3: time_stats.mlp_up_proj.median:");
    }

    @Test
    void aBadKeyIsReportedWithFileLineAndColumn() throws IOException {
        Path dir = copySlice();
        replaceField(dir.resolve("attention.csv"), 5, "batch_size", "0");
        assertThatThrownBy(() -> VidurProfile.read(dir, 1))
                .hasMessage(dir.resolve("attention.csv") + ":5: batch_size: expected an integer from 1 to 2147483647,"
                        + " got '0'");
        replaceField(dir.resolve("attention.csv"), 5, "batch_size", "1");
        replaceField(dir.resolve("attention.csv"), 7, "kv_cache_size", "12.5");
        assertThatThrownBy(() -> VidurProfile.read(dir, 1))
                .hasMessage(dir.resolve("attention.csv") + ":7: kv_cache_size: expected an integer from 0 to 2147483647,"
                        + " got '12.5'");
    }

    @Test
    void aShortRowAMissingColumnAndAMissingFileAreRefused() throws IOException {
        Path dir = copySlice();
        Path mlp = dir.resolve("mlp.csv");
        List<String> lines = Files.readAllLines(mlp);
        lines.set(4, "1,2,3");
        Files.write(mlp, lines);
        assertThatThrownBy(() -> VidurProfile.read(dir, 1))
                .hasMessage(mlp + ":5: row: expected 58 comma-separated fields as in the header, got '3 fields: 1,2,3'");

        Path att = dir.resolve("attention.csv");
        List<String> a = Files.readAllLines(att);
        a.set(0, a.get(0).replace("time_stats.attn_decode.median", "time_stats.attn_decode.p50"));
        Files.write(att, a);
        Files.copy(Slice.dir().resolve("mlp.csv"), mlp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> VidurProfile.read(dir, 1))
                .hasMessageStartingWith(att + ":1: time_stats.attn_decode.median: expected a column of that name in the"
                        + " header, got '");

        Files.delete(att);
        assertThatThrownBy(() -> VidurProfile.read(dir, 1))
                .hasMessage(att + ": no such file; expected Vidur's attention.csv (a profiling folder holds mlp.csv"
                        + " and attention.csv)");
    }

    @Test
    void aTableWithoutDecodeRowsIsRefused() throws IOException {
        Path dir = copySlice();
        Path att = dir.resolve("attention.csv");
        List<String> a = Files.readAllLines(att);
        Files.write(att, a.stream().filter(l -> !l.contains(",False,")).toList());
        assertThatThrownBy(() -> VidurProfile.read(dir, 1))
                .hasMessage(att + ": no decode row (prefill_chunk_size = 0) with num_tensor_parallel_workers = 1;"
                        + " expected Vidur's attention profile with prefill and decode rows");
    }

    private Path copySlice() throws IOException {
        for (String f : List.of("mlp.csv", "attention.csv")) {
            Files.copy(Slice.dir().resolve(f), tmp.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    /** Sets column {@code column} of (1-based) line {@code line} to {@code value}. */
    private static void replaceField(Path file, int line, String column, String value) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(",", -1));
        String[] row = lines.get(line - 1).split(",", -1);
        row[header.indexOf(column)] = value;
        lines.set(line - 1, String.join(",", row));
        Files.write(file, lines);
    }
}
