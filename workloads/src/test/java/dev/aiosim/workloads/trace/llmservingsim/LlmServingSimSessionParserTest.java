package dev.aiosim.workloads.trace.llmservingsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
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
 * LLMServingSim has no copy in the shared traces: {@code llmservingsim/sessions-sample.jsonl} is
 * a crafted file in the session format published by LLMServingSim (casys-kaist/LLMServingSim).
 */
class LlmServingSimSessionParserTest {
    static final String OK = "{\"session_id\": \"s0\", \"arrival_time_ns\": 5, \"sub_requests\": "
            + "[{\"input_toks\": 100, \"output_toks\": 10, \"tool_duration_ns\": 7}]}\n";

    @TempDir
    Path dir;

    @Test
    void readsTheSampleAsClosedLoopSessionsWithExactTotals() throws IOException {
        Path file = TraceAsserts.resource("llmservingsim/sessions-sample.jsonl");
        ObjectMapper json = new ObjectMapper();
        List<List<Syscall>> expected = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long input = 0;
        long tools = 0;
        for (String line : Files.readAllLines(file)) {
            JsonNode n = json.readTree(line);
            times.add(n.get("arrival_time_ns").asLong());
            List<Syscall> script = new ArrayList<>();
            for (JsonNode sub : n.get("sub_requests")) {
                script.add(new LlmCall(sub.get("input_toks").asInt(), sub.get("output_toks").asInt()));
                input += sub.get("input_toks").asLong();
                long tool = sub.get("tool_duration_ns").asLong();
                if (tool > 0) {
                    script.add(new ToolCall("tool", tool));
                    tools += tool;
                }
            }
            expected.add(script);
        }
        long in = 0;
        long toolNanos = 0;
        try (AgentSource s = Workloads.replay(file, null, false)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(all).extracting(AgentArrival::time).isEqualTo(times).hasSize(10);
            List<List<Syscall>> got = new ArrayList<>();
            for (AgentArrival a : all) {
                List<Syscall> calls = Drive.run(a.agent().program());
                got.add(calls);
                for (Syscall c : calls) {
                    if (c instanceof LlmCall l) {
                        in += l.promptTokens();
                    } else {
                        toolNanos += ((ToolCall) c).latencyNanos();
                    }
                }
            }
            assertThat(got).isEqualTo(expected);
            assertThat(all.get(3).agent().name()).isEqualTo("session-3");
            assertThat(s.skippedRows()).isZero();
        }
        assertThat(in).isEqualTo(input);
        assertThat(toolNanos).isEqualTo(tools).isPositive();
    }

    @Test
    void zeroToolDurationsAddNoSyscallAndAPositiveLastOneIsKept() throws IOException {
        Path p = TraceAsserts.write(dir, "s.jsonl", "{\"session_id\": 1, \"arrival_time_ns\": 0, \"sub_requests\": ["
                + "{\"input_toks\": 3, \"output_toks\": 1, \"tool_duration_ns\": 0},"
                + "{\"input_toks\": 4, \"output_toks\": 2, \"tool_duration_ns\": 9}]}\n");
        AgentArrival a = Drive.all(Workloads.replay(p, null, false)).get(0);
        assertThat(Drive.run(a.agent().program()))
                .containsExactly(new LlmCall(3, 1), new LlmCall(4, 2), new ToolCall("tool", 9));
    }

    static Stream<Arguments> badFiles() {
        String head = "{\"session_id\": 1, \"arrival_time_ns\": 9, \"sub_requests\": ";
        return Stream.of(
                Arguments.of(OK + head + "[{\"input_toks\": 1, \"output_toks\": 1, \"tool_dura\n", 2, "row",
                        "expected a JSON object on one line"),
                Arguments.of(OK + "{\"arrival_time_ns\": 9, \"sub_requests\": []}\n", 2, "session_id",
                        "expected a session id (string or number) (the field is missing), got ''"),
                Arguments.of(OK + head + "[]}\n", 2, "sub_requests", "expected a non-empty array of sub-requests, got '[]'"),
                Arguments.of(OK + head + "[7]}\n", 2, "sub_requests[0]",
                        "expected an object {\"input_toks\",\"output_toks\",\"tool_duration_ns\"}, got '7'"),
                Arguments.of(OK + head + "[{\"input_toks\": 1, \"output_toks\": 1, \"tool_duration_ns\": 0}, "
                        + "{\"input_toks\": \"many\", \"output_toks\": 1, \"tool_duration_ns\": 0}]}\n", 2,
                        "sub_requests[1].input_toks", "expected an integer >= 1, got '\"many\"'"),
                Arguments.of(OK + head + "[{\"input_toks\": 1, \"output_toks\": 0, \"tool_duration_ns\": 0}]}\n", 2,
                        "sub_requests[0].output_toks", "got '0'"),
                Arguments.of(OK + head + "[{\"input_toks\": 1, \"output_toks\": 1, \"tool_duration_ns\": -2}]}\n", 2,
                        "sub_requests[0].tool_duration_ns", "expected a number of nanoseconds >= 0, got '-2'"),
                Arguments.of(OK + head + "[{\"input_toks\": 1, \"output_toks\": 1}]}\n", 2,
                        "sub_requests[0].tool_duration_ns", "(the field is missing)"),
                Arguments.of(OK + head.replace("9", "4") + "[{\"input_toks\": 1, \"output_toks\": 1, \"tool_duration_ns\": 0}]}\n",
                        2, "arrival_time_ns", "expected a time not before the previous row's 5, got '4'"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badLinesNameFileLineAndFieldAndAreCountedWhenSkipped(String text, int line, String field, String detail)
            throws IOException {
        Path p = TraceAsserts.write(dir, "bad.jsonl", text);
        TraceAsserts.assertBadRow(p, "llmservingsim-sessions", line, field, detail, 1);
    }

    @Test
    void emptyFileAlwaysFails() throws IOException {
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "empty.jsonl", "\n"), "llmservingsim-sessions", "row",
                "expected an LLMServingSim session JSON line (the file is empty)");
    }
}
