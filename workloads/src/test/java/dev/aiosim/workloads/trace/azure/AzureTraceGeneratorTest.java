package dev.aiosim.workloads.trace.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.trace.OnBadRow;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AzureTraceGeneratorTest {
    @TempDir
    Path dir;

    private static String generate(long rows, long seed) {
        StringWriter w = new StringWriter();
        AzureTraceGenerator.write(w, rows, seed);
        return w.toString();
    }

    @ParameterizedTest
    @CsvSource({"0,2023-11-16 18:15:46.0000000", "1,2023-11-16 18:15:46.0000001", "10000000,2023-11-16 18:15:47.0000000",
        "36000000000,2023-11-16 19:15:46.0000000", "864000000000,2023-11-17 18:15:46.0000000", "864012345678,2023-11-17 18:15:47.2345678"})
    void timestampsHaveSevenFractionalDigits(long ticks, String text) {
        StringBuilder b = new StringBuilder();
        AzureTraceGenerator.timestamp(b, ticks);
        assertThat(b).hasToString(text);
    }

    /** Same seed, same text; the Azure reader reads every row back, in order, with tokens in the documented ranges. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void aSeededTraceIsReproducibleAndReadsBack(long seed) throws IOException {
        String text = generate(2_000, seed);
        assertThat(generate(2_000, seed)).isEqualTo(text);
        assertThat(generate(2_000, seed + 1)).isNotEqualTo(text);
        Path file = dir.resolve("g.csv");
        Files.writeString(file, text);
        List<AgentArrival> all;
        try (AgentSource s = new AzureLlmFormat().open(file, OnBadRow.FAIL)) {
            all = Drive.all(s);
            assertThat(s.skippedRows()).isZero();
        }
        assertThat(all).hasSize(2_000);
        assertThat(all.get(0).time()).isZero();
        for (AgentArrival a : all) {
            LlmCall c = (LlmCall) Drive.run(a.agent().program()).get(0);
            assertThat(c.promptTokens()).isBetween(1, 16_384);
            assertThat(c.outputTokens()).isBetween(1, 1_000);
            assertThat(a.time() % 100).isZero();
        }
        double rate = (all.size() - 1) / (all.get(all.size() - 1).time() / 1e9);
        assertThat(rate).isBetween(AzureTraceGenerator.RATE_PER_S * 0.9, AzureTraceGenerator.RATE_PER_S * 1.1);
    }
}
