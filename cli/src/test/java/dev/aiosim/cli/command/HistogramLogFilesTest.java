package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .hlog} files: one tagged histogram per run, then an untagged one pooling them, so
 * that HdrHistogram's own {@link HistogramLogProcessor} reads a folder without being told a tag.
 */
class HistogramLogFilesTest {
    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void run() throws IOException {
        Path spec = tmp.resolve("small.yaml");
        try (InputStream in = HistogramLogFilesTest.class.getResourceAsStream("/dev/aiosim/cli/small.yaml")) {
            Files.copy(in, spec);
        }
        out = tmp.resolve("run");
        Cli r = Cli.run("run", spec.toString(), "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
    }

    private static List<Histogram> read(Path file) throws IOException {
        List<Histogram> hs = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            hs.add((Histogram) e);
        }
        reader.close();
        return hs;
    }

    @Test
    void theLastHistogramIsUntaggedAndPoolsEveryRun() throws IOException {
        for (String kind : List.of("queueing", "ttft", "tbt", "e2e", "turnaround")) {
            List<Histogram> hs = read(out.resolve(kind + ".hlog"));
            assertThat(hs).as(kind).hasSize(7); // 3 policies x 2 seeds, then the pool
            List<Histogram> runs = hs.subList(0, 6);
            Histogram pool = hs.get(6);
            assertThat(runs).allSatisfy(h -> assertThat(h.getTag()).isNotNull());
            assertThat(pool.getTag()).isNull();
            Histogram sum = new Histogram(3);
            runs.forEach(sum::add);
            assertThat(pool.getTotalCount()).isEqualTo(sum.getTotalCount()).isPositive();
            assertThat(pool.getMaxValue()).isEqualTo(sum.getMaxValue());
            assertThat(pool.getValueAtPercentile(99)).isEqualTo(sum.getValueAtPercentile(99));
            assertThat(pool.getEndTimeStamp()).isEqualTo(runs.stream().mapToLong(Histogram::getEndTimeStamp).max().orElseThrow());
        }
    }

    @Test
    void hdrHistogramsOwnLogProcessorReadsItWithoutATag() throws IOException {
        Path base = tmp.resolve("processed");
        new HistogramLogProcessor(new String[] {"-i", out.resolve("e2e.hlog").toString(), "-o", base.toString(),
                "-outputValueUnitRatio", "1e6"}).run();
        Path percentiles = tmp.resolve("processed.hgrm");
        assertThat(percentiles).isRegularFile();
        String text = Files.readString(percentiles);
        long count = read(out.resolve("e2e.hlog")).get(6).getTotalCount();
        assertThat(text).contains("Percentile").containsPattern("Total count +=  *" + count + "]");
    }
}
