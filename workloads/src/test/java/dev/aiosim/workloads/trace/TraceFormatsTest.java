package dev.aiosim.workloads.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.workloads.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceFormatsTest {
    @TempDir
    Path dir;

    @Test
    void findsFormatsByNameAndAlias() {
        assertThat(TraceFormats.byName("azure-2023")).get().extracting(TraceFormat::name).isEqualTo("azure-2023");
        assertThat(TraceFormats.byName("AZURE-2024")).get().extracting(TraceFormat::name).isEqualTo("azure-2023");
        assertThat(TraceFormats.byName("Mooncake")).get().extracting(TraceFormat::name).isEqualTo("mooncake");
        assertThat(TraceFormats.byName("parquet")).isEmpty();
        assertThat(TraceFormats.names()).contains("azure-2023", "mooncake", "burstgpt", "vidur", "llmservingsim",
                "llmservingsim-sessions", "tracelab");
    }

    /** The first line of a file in each format, as published (headers) or as a typical first record. */
    static Stream<Arguments> firstLines() {
        return Stream.of(
                Arguments.of("azure-2023", "TIMESTAMP,ContextTokens,GeneratedTokens"),
                Arguments.of("azure-2023", "\"TIMESTAMP\",\"ContextTokens\",\"GeneratedTokens\""),
                Arguments.of("burstgpt",
                        "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type"),
                Arguments.of("burstgpt", "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type"),
                Arguments.of("vidur", ",arrived_at,num_prefill_tokens,num_decode_tokens,num_total_tokens"),
                Arguments.of("vidur", "arrived_at,num_prefill_tokens,num_decode_tokens"),
                Arguments.of("tracelab", "session_id,arrival_time,round_idx,prefix_len,input_len,output_len,tool_wait_after_ms"),
                Arguments.of("mooncake", "{\"timestamp\": 0, \"input_length\": 6758, \"output_length\": 500, \"hash_ids\": [0, 1]}"),
                Arguments.of("llmservingsim", "{\"input_toks\": 12, \"output_toks\": 3, \"arrival_time_ns\": 0}"),
                Arguments.of("llmservingsim-sessions", "{\"session_id\": \"a\", \"arrival_time_ns\": 0, \"sub_requests\": "
                        + "[{\"input_toks\": 12, \"output_toks\": 3, \"tool_duration_ns\": 0}]}"));
    }

    @ParameterizedTest
    @MethodSource("firstLines")
    void eachFirstLineIsAcceptedByItsFormatOnly(String format, String firstLine) throws IOException {
        assertThat(TraceFormats.all().stream().filter(f -> f.accepts(firstLine)).map(TraceFormat::name))
                .containsExactly(format);
        Path p = dir.resolve("x.trace");
        Files.writeString(p, "\uFEFF" + firstLine + "\n");
        assertThat(TraceFormats.detect(p).name()).isEqualTo(format);
    }

    @Test
    void noneOfTheseFormatsTakesAnAiosimHeaderOrPlainText() {
        for (String line : List.of("{\"aiosim_trace\":1,\"source\":\"x\"}", "a,b,c", "{", "[]", "timestamp",
                "{\"input_toks\": 1}")) {
            assertThat(TraceFormats.all().stream().filter(f -> !f.name().startsWith("aiosim")).filter(f -> f.accepts(line)))
                    .as(line).isEmpty();
        }
    }

    @Test
    void detectsTheSharedAndFixtureFiles() {
        assertThat(TraceFormats.detect(TraceAsserts.resource("burstgpt/burstgpt-sample.csv")).name()).isEqualTo("burstgpt");
        assertThat(TraceFormats.detect(TraceAsserts.resource("vidur/vidur-sample.csv")).name()).isEqualTo("vidur");
        assertThat(TraceFormats.detect(TraceAsserts.resource("llmservingsim/flat-sample.jsonl")).name())
                .isEqualTo("llmservingsim");
        assertThat(TraceFormats.detect(TraceAsserts.resource("llmservingsim/sessions-sample.jsonl")).name())
                .isEqualTo("llmservingsim-sessions");
        Path shared = Path.of("../../shared/traces");
        Assumptions.assumeTrue(Files.isDirectory(shared), "shared traces not present");
        assertThat(TraceFormats.detect(shared.resolve("azure-llm-2023/AzureLLMInferenceTrace_conv.csv")).name())
                .isEqualTo("azure-2023");
        assertThat(TraceFormats.detect(shared.resolve("mooncake-fast25/conversation_trace.jsonl")).name())
                .isEqualTo("mooncake");
        assertThat(TraceFormats.detect(shared.resolve("tracelab/multi_session_large.csv")).name()).isEqualTo("tracelab");
        assertThat(TraceFormats.detect(shared.resolve("tracelab/multi_session_example.csv")).name()).isEqualTo("tracelab");
    }

    @Test
    void unknownHeaderEmptyFileAndUnknownName() throws IOException {
        Path p = dir.resolve("x.csv");
        Files.writeString(p, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> Workloads.replay(p, null, false))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(p + ":1: header: expected the first line of a known trace format: azure-2023")
                .hasMessageEndingWith("got 'a,b,c'");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Workloads.replay(empty, null, false))
                .hasMessageStartingWith(empty + ":1: header: expected a header line (the file is empty)");
        assertThatThrownBy(() -> Workloads.replay(p, "parquet", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown trace format 'parquet', expected one of azure-2023, ")
                .hasMessageContaining("tracelab").hasMessageContaining("aiosim");
        assertThatThrownBy(() -> Workloads.replay(dir.resolve("none.csv"), null, false))
                .isInstanceOf(TraceFileException.class).hasMessage(dir.resolve("none.csv") + ": no such file");
    }

    @Test
    void onBadRowParses() {
        assertThat(OnBadRow.parse("Skip")).isEqualTo(OnBadRow.SKIP);
        assertThat(OnBadRow.parse("fail")).isEqualTo(OnBadRow.FAIL);
        assertThatThrownBy(() -> OnBadRow.parse("drop")).hasMessage("expected one of fail, skip, got 'drop'");
    }
}
