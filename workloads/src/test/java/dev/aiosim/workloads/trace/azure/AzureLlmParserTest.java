package dev.aiosim.workloads.trace.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AzureLlmParserTest {
    static final Path CONV = Path.of("../../shared/traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv");
    static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsTheWholeConvTraceWithExactTotals() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(CONV), "shared Azure trace not present");
        // independent count: plain line splitting
        long rows = 0;
        long context = 0;
        long generated = 0;
        List<String> lines = Files.readAllLines(CONV);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            rows++;
            context += Long.parseLong(f[1]);
            generated += Long.parseLong(f[2]);
        }
        String[] last = lines.get(lines.size() - 1).split(",");
        long span = LocalDateTime.parse(last[0].replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC)
                - LocalDateTime.parse(lines.get(1).split(",")[0].replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);

        long n = 0;
        long ctx = 0;
        long gen = 0;
        long prev = 0;
        AgentArrival lastArrival = null;
        try (AgentSource s = Workloads.replay(CONV, null, false)) {
            for (AgentArrival a = s.next(); a != null; a = s.next()) {
                if (n == 0) {
                    assertThat(a.time()).isZero();
                }
                assertThat(a.time()).isGreaterThanOrEqualTo(prev);
                assertThat(a.agent().pid()).isEqualTo(n);
                assertThat(a.agent().priority()).isZero();
                prev = a.time();
                List<Syscall> calls = Drive.run(a.agent().program());
                assertThat(calls).hasSize(1);
                LlmCall c = (LlmCall) calls.get(0);
                ctx += c.promptTokens();
                gen += c.outputTokens();
                n++;
                lastArrival = a;
            }
            assertThat(s.skippedRows()).isZero();
        }
        assertThat(n).isEqualTo(rows).isGreaterThan(19_000);
        assertThat(ctx).isEqualTo(context);
        assertThat(gen).isEqualTo(generated);
        assertThat(lastArrival.time() / 1_000_000_000L).isBetween(span - 1, span + 1);
    }

    @Test
    void arrivalsAreExactTo100Nanoseconds() throws IOException {
        Path p = write("t.csv", HEADER
                + "2023-11-16 18:15:46.6805900,374,44\n"
                + "2023-11-16 18:15:46.6806000,10,1\n"
                + "2023-11-16 18:15:46.6806000,10,1\n"
                + "2023-11-17 00:00:00.0000001,10,1\n");
        List<AgentArrival> all = Drive.all(Workloads.replay(p, "azure-2023", false));
        assertThat(all).extracting(AgentArrival::time)
                .containsExactly(0L, 10_000L, 10_000L, (5 * 3600L + 44 * 60 + 13) * 1_000_000_000L + 319_410_100L);
        assertThat(all.get(0).agent().name()).isEqualTo("req-0");
        assertThat(all.get(0).agent().group()).isEqualTo("default");
        assertThat(all.get(0).agent().weight()).isEqualTo(1.0);
        assertThat(Drive.run(all.get(0).agent().program())).containsExactly(new LlmCall(374, 44));
    }

    @Test
    void readsThe2024ReleaseByAliasAndByDetection() throws IOException {
        // the 2024 week-long release keeps the 2023 columns; its timestamps may carry a UTC offset
        Path p = write("AzureLLMInferenceTrace_code_1week.csv", HEADER
                + "2024-05-10 00:00:00.009930+00:00,4808,10\n"
                + "2024-05-10 00:00:00.051730+00:00,3180,8\n"
                + "2024-05-10 00:00:01+00:00,110,27\n");
        for (String format : new String[] {"azure-2024", null}) {
            List<AgentArrival> all = Drive.all(Workloads.replay(p, format, false));
            assertThat(all).extracting(AgentArrival::time).containsExactly(0L, 41_800_000L, 990_070_000L);
            assertThat(Drive.run(all.get(2).agent().program())).containsExactly(new LlmCall(110, 27));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2023-11-16 18:15:46.6805900, 1700158546680590000",
        "2023-11-16T18:15:46, 1700158546000000000",
        "2023-11-16 18:15:46.5, 1700158546500000000",
        "2023-11-16 18:15:46.123456789, 1700158546123456789",
        "2024-05-10 00:00:00.0099300+00:00, 1715299200009930000",
        "2024-05-10 02:00:00+02:00, 1715299200000000000",
        "2024-05-10 00:00:00Z, 1715299200000000000"})
    void timestamps(String text, long nanos) {
        assertThat(AzureTimestamps.parseNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2023-11-16", "2023-13-16 18:15:46", "2023-11-16 25:15:46",
        "2023-11-16 18:15:46.", "2023-11-16 18:15:46.1234567890", "2023-02-30 00:00:00", "2023-11-16 18:15:46 x"})
    void badTimestamps(String text) {
        assertThatThrownBy(() -> AzureTimestamps.parseNanos(text)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> badFiles() {
        String ok = "2023-11-16 18:15:46.6805900,374,44\n";
        return Stream.of(
                Arguments.of("", 1, "header", "expected the Azure LLM trace header"),
                Arguments.of("2023-11-16 18:15:46.6805900,374,44\n", 1, "header",
                        "got '2023-11-16 18:15:46.6805900,374,44'"),
                Arguments.of("TIMESTAMP,\"ContextTokens,GeneratedTokens\n", 1, "header",
                        "expected well-formed CSV ("),
                Arguments.of(HEADER + ok + "2023-11-16 18:15:47.0,12\n", 3, "row",
                        "expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens), got '2023-11-16 18:15:47.0,12'"),
                Arguments.of(HEADER + ok + ok + "2023-11-16 18:15:47.0,12,3,4\n", 4, "row", "got '2023-11-16 18:15:47.0,12,3,4'"),
                Arguments.of(HEADER + ok + "yesterday,12,3\n", 3, "TIMESTAMP",
                        "expected a time like 2023-11-16 18:15:46.6805900, got 'yesterday'"),
                Arguments.of(HEADER + ok + "2023-11-16 18:15:47.0,twelve,3\n", 3, "ContextTokens",
                        "expected an integer >= 1, got 'twelve'"),
                Arguments.of(HEADER + ok + "2023-11-16 18:15:47.0,-12,3\n", 3, "ContextTokens", "got '-12'"),
                Arguments.of(HEADER + ok + "2023-11-16 18:15:47.0,0,3\n", 3, "ContextTokens", "got '0'"),
                Arguments.of(HEADER + ok + "2023-11-16 18:15:47.0,12,0\n", 3, "GeneratedTokens",
                        "expected an integer >= 1 (a call generates at least one token), got '0'"),
                Arguments.of(HEADER + ok + "2023-11-16 18:15:47.0,12,1.5\n", 3, "GeneratedTokens", "got '1.5'"),
                Arguments.of(HEADER + ok + "2023-11-16 18:15:47.0,99999999999,3\n", 3, "ContextTokens",
                        "got '99999999999'"),
                Arguments.of(HEADER + ok + "\n2023-11-16 18:15:45.0,12,3\n", 4, "TIMESTAMP",
                        "expected a time not before the previous row's 2023-11-16 18:15:46.6805900, got '2023-11-16 18:15:45.0'"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badInputNamesFileLineAndField(String text, int line, String field, String detail) throws IOException {
        Path p = write("bad.csv", text);
        assertThatThrownBy(() -> Drive.all(Workloads.replay(p, "azure-2023", false)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(p + ":" + line + ": " + field + ": ")
                .hasMessageContaining(detail)
                .satisfies(e -> {
                    TraceFormatException t = (TraceFormatException) e;
                    assertThat(t.line()).isEqualTo(line);
                    assertThat(t.field()).isEqualTo(field);
                    assertThat(t.file()).endsWith("bad.csv");
                });
    }

    @Test
    void skipModeCountsBadRowsAndKeepsRowIndexAsPid() throws IOException {
        Path p = write("mixed.csv", HEADER
                + "2023-11-16 18:15:46.0,1,1\n"
                + "2023-11-16 18:15:46.5,x,1\n"
                + "2023-11-16 18:15:47.0,2,0\n"
                + "2023-11-16 18:15:45.0,3,3\n"
                + "\n"
                + "2023-11-16 18:15:48.0,4,4\n"
                + "2023-11-16 18:15:49.0,5\n"
                + "2023-11-16 18:15:50.0,6,6");
        try (AgentSource s = Workloads.replay(p, null, true)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(all).extracting(a -> a.agent().pid()).containsExactly(0L, 4L, 6L);
            assertThat(all).extracting(AgentArrival::time).containsExactly(0L, 2_000_000_000L, 4_000_000_000L);
            assertThat(s.skippedRows()).isEqualTo(4);
        }
    }

    @Test
    void headerColumnsInAnyOrderWithBomAndGzip() throws IOException {
        Path p = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(("\uFEFFGeneratedTokens,TIMESTAMP,ContextTokens\r\n7,2023-11-16 18:15:46.0,9\r\n"
                    + "8,2023-11-16 18:15:46.25,10\r\n").getBytes(StandardCharsets.UTF_8));
        }
        List<AgentArrival> all = Drive.all(Workloads.replay(p, null, false));
        assertThat(all).extracting(AgentArrival::time).containsExactly(0L, 250_000_000L);
        assertThat(Drive.run(all.get(1).agent().program())).containsExactly(new LlmCall(10, 8));
    }
}
