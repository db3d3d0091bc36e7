package dev.aiosim.workloads.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.workloads.DistSpec;
import dev.aiosim.workloads.DistSpec.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityDistTest {
    static final Path AZURE = Path.of("../../shared/traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv");

    @TempDir
    Path dir;

    private LongSupplier sampler(DistSpec d, Unit unit, long seed) {
        return QuantityDist.of(d, unit, "x", dir, new EmpiricalColumn.Cache())
                .sampler(Seeds.provider(new SplittableRandom(seed)));
    }

    @Test
    void fixedTokensAndDurations() {
        assertThat(sampler(DistSpec.fixed(512), Unit.TOKENS, 1).getAsLong()).isEqualTo(512);
        assertThat(sampler(DistSpec.fixed("1.5s"), Unit.DURATION, 1).getAsLong()).isEqualTo(1_500_000_000L);
        assertThat(sampler(DistSpec.fixed("250ms"), Unit.DURATION, 1).getAsLong()).isEqualTo(250_000_000L);
        assertThat(sampler(DistSpec.fixed(0), Unit.DURATION, 1).getAsLong()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"2, 6, 1", "1, 1, 2", "10, 11, 3"})
    void uniformTokensCoverBothEndsAndNothingElse(int min, int max, long seed) {
        LongSupplier s = sampler(DistSpec.uniform(min, max), Unit.COUNT, seed);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long v = s.getAsLong();
            assertThat(v).isBetween((long) min, (long) max);
            seen.add(v);
        }
        assertThat(seen).hasSize(max - min + 1);
    }

    @ParameterizedTest
    @CsvSource({"200, 0.5, 1", "150, 0.6, 2", "1000, 1.0, 3", "50, 0.1, 4"})
    void lognormalHasTheGivenArithmeticMean(double mean, double sigma, long seed) {
        LongSupplier s = sampler(DistSpec.lognormal(mean, sigma), Unit.TOKENS, seed);
        int n = 400_000;
        double sum = 0;
        double sumLog = 0;
        double sumLog2 = 0;
        for (int i = 0; i < n; i++) {
            long v = s.getAsLong();
            assertThat(v).isGreaterThanOrEqualTo(1);
            sum += v;
            sumLog += Math.log(v);
            sumLog2 += Math.log(v) * Math.log(v);
        }
        assertThat(sum / n).isCloseTo(mean, within(mean * 0.02));
        double sdLog = Math.sqrt(sumLog2 / n - (sumLog / n) * (sumLog / n));
        assertThat(sdLog).isCloseTo(sigma, within(sigma * 0.05 + 0.01));
    }

    @Test
    void lognormalDurationMeanAndClamps() {
        LongSupplier s = sampler(DistSpec.lognormal("1.5s", 0.8), Unit.DURATION, 5);
        double sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            sum += s.getAsLong();
        }
        assertThat(sum / n / 1e9).isCloseTo(1.5, within(0.03));

        LongSupplier c = sampler(DistSpec.lognormal(200, 2.0).clamped(50, 400), Unit.TOKENS, 6);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long v = c.getAsLong();
            assertThat(v).isBetween(50L, 400L);
            seen.add(v);
        }
        assertThat(seen).contains(50L, 400L);
    }

    @Test
    void exponentialMean() {
        LongSupplier s = sampler(DistSpec.exponential("2s"), Unit.DURATION, 7);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += s.getAsLong();
        }
        assertThat(sum / n / 1e9).isCloseTo(2.0, within(0.03));
    }

    @Test
    void empiricalReturnsOnlyValuesOfTheColumn() throws IOException {
        Path csv = dir.resolve("lens.csv");
        Files.writeString(csv, "id,len\n1,17\n2,300\n\n3,17\n4,42\n");
        LongSupplier s = sampler(DistSpec.empirical("lens.csv", "len"), Unit.TOKENS, 3);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(s.getAsLong());
        }
        assertThat(seen).containsExactlyInAnyOrder(17L, 300L, 42L);

        Path jsonl = dir.resolve("lens.jsonl");
        Files.writeString(jsonl, "{\"input_length\": 5, \"x\": 1}\n{\"input_length\": 9}\n");
        LongSupplier j = sampler(DistSpec.empirical("lens.jsonl", "input_length"), Unit.TOKENS, 3);
        Set<Long> seenJ = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seenJ.add(j.getAsLong());
        }
        assertThat(seenJ).containsExactlyInAnyOrder(5L, 9L);
    }

    @Test
    void empiricalOverTheAzureTrace() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(AZURE), "shared Azure trace not present");
        Set<Long> column = Files.readAllLines(AZURE).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.split(",")[1].trim())).collect(Collectors.toSet());
        LongSupplier s = QuantityDist.of(DistSpec.empirical(AZURE.getFileName().toString(), "ContextTokens"),
                Unit.TOKENS, "x", AZURE.getParent(), new EmpiricalColumn.Cache())
                .sampler(Seeds.provider(new SplittableRandom(11)));
        for (int i = 0; i < 20_000; i++) {
            assertThat(column).contains(s.getAsLong());
        }
    }

    @Test
    void empiricalErrorsNameTheSpecPathFileAndLine() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "len\n3\nabc\n");
        assertThatThrownBy(() -> sampler(DistSpec.empirical("bad.csv", "len"), Unit.TOKENS, 1))
                .hasMessageContaining("x: ")
                .hasMessageContaining("bad.csv:3: len: expected a number, got 'abc'");
        assertThatThrownBy(() -> sampler(DistSpec.empirical("bad.csv", "length"), Unit.TOKENS, 1))
                .hasMessageContaining("column 'length' is not in");
        assertThatThrownBy(() -> sampler(DistSpec.empirical("missing.csv", "len"), Unit.TOKENS, 1))
                .hasMessageContaining("missing.csv");
        int[] v = EmpiricalColumn.read(dir.resolve(writeAndName("ok.csv", "len\n1\n2\n")), "len");
        assertThat(Arrays.stream(v).boxed()).containsExactly(1, 2);
    }

    private String writeAndName(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        return name;
    }
}
