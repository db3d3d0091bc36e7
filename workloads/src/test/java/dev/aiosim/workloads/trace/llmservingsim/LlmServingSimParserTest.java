package dev.aiosim.workloads.trace.llmservingsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.TraceAsserts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LLMServingSim has no copy in the shared traces: {@code llmservingsim/flat-sample.jsonl} is a
 * crafted file in the flat request format published by LLMServingSim (casys-kaist/LLMServingSim).
 */
class LlmServingSimParserTest {
    static final String OK = "{\"input_toks\": 100, \"output_toks\": 10, \"arrival_time_ns\": 5}\n";

    @TempDir
    Path dir;

    @Test
    void readsTheSampleWithExactTotals() throws IOException {
        Path file = TraceAsserts.resource("llmservingsim/flat-sample.jsonl");
        ObjectMapper json = new ObjectMapper();
        long input = 0;
        long output = 0;
        List<Long> times = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = json.readTree(line);
            input += n.get("input_toks").asLong();
            output += n.get("output_toks").asLong();
            times.add(n.get("arrival_time_ns").asLong());
        }
        long in = 0;
        long out = 0;
        try (AgentSource s = Workloads.replay(file, null, false)) {
            List<AgentArrival> all = Drive.all(s);
            for (AgentArrival a : all) {
                List<Syscall> calls = Drive.run(a.agent().program());
                assertThat(calls).hasSize(1);
                in += ((LlmCall) calls.get(0)).promptTokens();
                out += ((LlmCall) calls.get(0)).outputTokens();
            }
            assertThat(all).extracting(AgentArrival::time).isEqualTo(times).hasSize(25);
            assertThat(s.skippedRows()).isZero();
        }
        assertThat(in).isEqualTo(input);
        assertThat(out).isEqualTo(output);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of(OK + "{\"input_toks\": 100, \"output_toks\": 10, \"arrival_t\n", 2, "row",
                        "expected a JSON object on one line, got '{\"input_toks\": 100, \"output_toks\": 10, \"arrival_t'"),
                Arguments.of(OK + "{\"input_toks\": 100, \"output_toks\": 10, \"arrival_time_ns\": 9} trailing\n", 2, "row",
                        "expected a JSON object on one line"),
                Arguments.of(OK + "{\"input_toks\": 100, \"arrival_time_ns\": 9}\n", 2, "output_toks",
                        "expected an integer >= 1 (a call generates at least one token) (the field is missing), got ''"),
                Arguments.of(OK + "{\"input_toks\": \"x\", \"output_toks\": 10, \"arrival_time_ns\": 9}\n", 2, "input_toks",
                        "expected an integer >= 1, got '\"x\"'"),
                Arguments.of(OK + "{\"input_toks\": -1, \"output_toks\": 10, \"arrival_time_ns\": 9}\n", 2, "input_toks",
                        "got '-1'"),
                Arguments.of(OK + "{\"input_toks\": 100, \"output_toks\": 0, \"arrival_time_ns\": 9}\n", 2, "output_toks",
                        "got '0'"),
                Arguments.of(OK + "{\"input_toks\": 100, \"output_toks\": 10, \"arrival_time_ns\": -9}\n", 2, "arrival_time_ns",
                        "expected a number of nanoseconds >= 0, got '-9'"),
                Arguments.of(OK + "{\"input_toks\": 100, \"output_toks\": 10, \"arrival_time_ns\": 4}\n", 2, "arrival_time_ns",
                        "expected a time not before the previous row's 5, got '4'"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badRowsNameFileLineAndFieldAndAreCountedWhenSkipped(String text, int line, String field, String detail)
            throws IOException {
        Path p = TraceAsserts.write(dir, "bad.jsonl", text);
        TraceAsserts.assertBadRow(p, "llmservingsim", line, field, detail, 1);
    }

    @Test
    void emptyFileAlwaysFails() throws IOException {
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "empty.jsonl", ""), "llmservingsim", "row",
                "expected an LLMServingSim JSON line (the file is empty)");
    }
}
