package dev.aiosim.workloads.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.workloads.DistSpec;
import dev.aiosim.workloads.DistSpec.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Empirical columns from CSV and JSON-lines traces, the form told by the content. */
class EmpiricalColumnTest {
    static final Path MOONCAKE = Path.of("../../shared/traces/mooncake-fast25/conversation_trace.jsonl");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"lens.jsonl", "lens.txt", "lens.csv", "lens"})
    void jsonLinesAreDetectedByTheFirstNonBlankCharacterWhateverTheName(String name) throws IOException {
        Files.writeString(dir.resolve(name), "\n  \n {\"input_length\": 5, \"x\": 1}\n\n{\"input_length\": 9.0}\n");
        assertThat(EmpiricalColumn.read(dir.resolve(name), "input_length")).containsExactly(5, 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lens.jsonl", "lens.json", "lens.csv"})
    void csvIsReadAsCsvWhateverTheName(String name) throws IOException {
        Files.writeString(dir.resolve(name), "input_length,x\n5,1\n7,2\n");
        assertThat(EmpiricalColumn.read(dir.resolve(name), "input_length")).containsExactly(5, 7);
    }

    @Test
    void gzippedJsonLines() throws IOException {
        Path gz = dir.resolve("t.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("{\"output_length\": 3}\n{\"output_length\": 4}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(EmpiricalColumn.read(gz, "output_length")).containsExactly(3, 4);
    }

    @Test
    void valuesBelowOneStopTheRunInsteadOfBeingClamped() throws IOException {
        Path csv = dir.resolve("zero.csv");
        Files.writeString(csv, "n\n5\n0\n");
        assertThatThrownBy(() -> EmpiricalColumn.read(csv, "n"))
                .hasMessage(csv + ":3: n: expected a whole number >= 1 (empirical values are token counts or rounds), got '0'");
        Path jsonl = dir.resolve("neg.jsonl");
        Files.writeString(jsonl, "{\"n\": 2}\n{\"n\": -5}\n");
        assertThatThrownBy(() -> EmpiricalColumn.read(jsonl, "n"))
                .hasMessage(jsonl + ":2: n: expected a whole number >= 1 (empirical values are token counts or rounds), got '-5'");
        Files.writeString(csv, "n\n5\n0.4\n");
        assertThatThrownBy(() -> EmpiricalColumn.read(csv, "n")).hasMessageContaining(":3: n: expected a whole number >= 1");
        Files.writeString(csv, "n\n5\n0.5\n");
        assertThat(EmpiricalColumn.read(csv, "n")).containsExactly(5, 1);
    }

    @Test
    void jsonLineErrorsNameFileLineAndField() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"input_length\": 5}\n{\"output_length\": 2}\n");
        assertThatThrownBy(() -> EmpiricalColumn.read(f, "input_length"))
                .hasMessage(f + ":2: input_length: expected a number (the field is missing), got '{\"output_length\": 2}'");
        Files.writeString(f, "{\"input_length\": 5}\n\n{\"input_length\": \"many\"}\n");
        assertThatThrownBy(() -> EmpiricalColumn.read(f, "input_length"))
                .hasMessage(f + ":3: input_length: expected a number, got 'many'");
        Files.writeString(f, "{\"input_length\": 5}\n{\"input_length\": 6\n");
        assertThatThrownBy(() -> EmpiricalColumn.read(f, "input_length"))
                .hasMessage(f + ":2: row: expected a JSON object, got '{\"input_length\": 6'");
        Files.writeString(f, "{\"input_length\": 5}\n[1, 2]\n");
        assertThatThrownBy(() -> EmpiricalColumn.read(f, "input_length"))
                .hasMessage(f + ":2: row: expected a JSON object, got '[1, 2]'");
        // through a spec: the message starts with the spec path
        assertThatThrownBy(() -> QuantityDist.of(DistSpec.empirical("bad.jsonl", "input_length"), Unit.TOKENS,
                "workload.program.output", dir, new EmpiricalColumn.Cache()))
                .hasMessageStartingWith("workload.program.output: " + f + ":2: row: expected a JSON object");
    }

    @Test
    void mooncakeInputLengthsMatchAnIndependentReading() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(MOONCAKE), "shared Mooncake trace not present");
        // independent reading: a regular expression over the raw lines
        Pattern p = Pattern.compile("\"input_length\":\\s*(\\d+)");
        List<String> lines = Files.readAllLines(MOONCAKE).stream().filter(l -> !l.isBlank()).toList();
        long sum = 0;
        for (String l : lines) {
            Matcher m = p.matcher(l);
            assertThat(m.find()).as(l).isTrue();
            sum += Long.parseLong(m.group(1));
        }
        int[] column = EmpiricalColumn.read(MOONCAKE, "input_length");
        assertThat(column).hasSize(lines.size());
        assertThat(Arrays.stream(column).asLongStream().sum()).isEqualTo(sum);
        double mean = (double) sum / lines.size();
        double sd = Math.sqrt(Arrays.stream(column).mapToDouble(v -> (v - mean) * (v - mean)).sum() / column.length);

        // the empirical distribution resamples the column: its sample mean is within 4 standard errors
        LongSupplier s = QuantityDist.of(DistSpec.empirical(MOONCAKE.getFileName().toString(), "input_length"),
                Unit.TOKENS, "x", MOONCAKE.getParent(), new EmpiricalColumn.Cache())
                .sampler(Seeds.provider(new SplittableRandom(5)));
        int n = 100_000;
        double drawn = 0;
        for (int i = 0; i < n; i++) {
            drawn += s.getAsLong();
        }
        assertThat(drawn / n).isCloseTo(mean, org.assertj.core.api.Assertions.within(4 * sd / Math.sqrt(n)));
    }
}
