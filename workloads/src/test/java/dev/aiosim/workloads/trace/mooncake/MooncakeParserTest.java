package dev.aiosim.workloads.trace.mooncake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.TraceAsserts;
import java.io.BufferedReader;
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

class MooncakeParserTest {
    static final Path CONV = Path.of("../../shared/traces/mooncake-fast25/conversation_trace.jsonl");
    static final String OK = "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 5, \"hash_ids\": [0, 1]}\n";

    @TempDir
    Path dir;

    @Test
    void readsTheWholeConversationTraceWithExactTotals() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(CONV), "shared Mooncake trace not present");
        // independent count: Jackson tree per line
        ObjectMapper json = new ObjectMapper();
        long rows = 0;
        long input = 0;
        long output = 0;
        long ids = 0;
        long idSum = 0;
        long lastMs = 0;
        try (BufferedReader r = Files.newBufferedReader(CONV)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode n = json.readTree(line);
                rows++;
                input += n.get("input_length").asLong();
                output += n.get("output_length").asLong();
                ids += n.get("hash_ids").size();
                for (JsonNode id : n.get("hash_ids")) {
                    idSum += id.asLong();
                }
                lastMs = n.get("timestamp").asLong();
            }
        }
        long n = 0;
        long in = 0;
        long out = 0;
        long blocks = 0;
        long blockSum = 0;
        AgentArrival last = null;
        try (AgentSource s = Workloads.replay(CONV, null, false)) {
            for (AgentArrival a = s.next(); a != null; a = s.next()) {
                assertThat(a.agent().pid()).isEqualTo(n);
                List<Syscall> calls = Drive.run(a.agent().program());
                assertThat(calls).hasSize(1);
                LlmCall c = (LlmCall) calls.get(0);
                in += c.promptTokens();
                out += c.outputTokens();
                Prefix.Blocks p = (Prefix.Blocks) c.prefix();
                assertThat(p.blockTokens()).isEqualTo(512);
                assertThat(p.size()).isEqualTo((c.promptTokens() + 511) / 512);
                blocks += p.size();
                for (long id : p.ids()) {
                    assertThat(id).isPositive();
                    blockSum += id - 1;
                }
                n++;
                last = a;
            }
            assertThat(s.skippedRows()).isZero();
        }
        assertThat(n).isEqualTo(rows).isEqualTo(12_031);
        assertThat(in).isEqualTo(input);
        assertThat(out).isEqualTo(output);
        assertThat(blocks).isEqualTo(ids);
        assertThat(blockSum).isEqualTo(idSum);
        assertThat(last.time()).isEqualTo(lastMs * 1_000_000L);
    }

    @Test
    void mapsOneRowToOneCallWithShiftedBlockIds() throws IOException {
        Path p = TraceAsserts.write(dir, "t.jsonl", OK
                + "\n"
                + "{\"timestamp\": 1.5, \"input_length\": 512, \"output_length\": 1, \"hash_ids\": [0], \"extra\": true}\n");
        List<AgentArrival> all = Drive.all(Workloads.replay(p, "mooncake", false));
        assertThat(all).extracting(AgentArrival::time).containsExactly(0L, 1_500_000L);
        assertThat(all.get(1).agent().name()).isEqualTo("req-1");
        assertThat(Drive.run(all.get(0).agent().program()))
                .containsExactly(new LlmCall(600, 5, 0, new Prefix.Blocks(512, new long[] {1, 2})));
        assertThat(Drive.run(all.get(1).agent().program()))
                .containsExactly(new LlmCall(512, 1, 0, new Prefix.Blocks(512, new long[] {1})));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of(OK + OK + "{\"timestamp\": 5, \"input_length\": 600, \"output_len", 3, "row",
                        "expected a JSON object on one line, got '{\"timestamp\": 5, \"input_length\": 600, \"output_len'"),
                Arguments.of(OK + "[1, 2]\n", 2, "row", "got '[1, 2]'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"output_length\": 5, \"hash_ids\": [0]}\n", 2, "input_length",
                        "expected an integer >= 1 (the field is missing), got ''"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": \"600\", \"output_length\": 5, \"hash_ids\": [0, 1]}\n",
                        2, "input_length", "got '\"600\"'"),
                Arguments.of(OK + "{\"timestamp\": \"soon\", \"input_length\": 600, \"output_length\": 5, \"hash_ids\": [0, 1]}\n",
                        2, "timestamp", "expected a number of milliseconds >= 0, got '\"soon\"'"),
                Arguments.of(OK + "{\"timestamp\": -1, \"input_length\": 600, \"output_length\": 5, \"hash_ids\": [0, 1]}\n",
                        2, "timestamp", "got '-1'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": 600, \"output_length\": -3, \"hash_ids\": [0, 1]}\n",
                        2, "output_length", "got '-3'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": 600, \"output_length\": 0, \"hash_ids\": [0, 1]}\n",
                        2, "output_length", "expected an integer >= 1 (a call generates at least one token), got '0'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": 0, \"output_length\": 3, \"hash_ids\": []}\n",
                        2, "input_length", "got '0'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": 1.5, \"output_length\": 3, \"hash_ids\": [0]}\n",
                        2, "input_length", "got '1.5'"),
                Arguments.of("{\"timestamp\": 9, \"input_length\": 600, \"output_length\": 5, \"hash_ids\": [0, 1]}\n" + OK,
                        2, "timestamp", "expected a time not before the previous row's 9, got '0'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": 1025, \"output_length\": 5, \"hash_ids\": [0, 1]}\n",
                        2, "hash_ids", "expected ceil(input_length 1025 / 512) = 3 block ids, got '2 ids'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": 600, \"output_length\": 5}\n",
                        2, "hash_ids", "expected an array of integer block ids (the field is missing), got ''"),
                Arguments.of(OK + "{\"timestamp\": 1, \"input_length\": 600, \"output_length\": 5, \"hash_ids\": [0, -4]}\n",
                        2, "hash_ids", "expected integer block ids >= 0 (element 1), got '-4'"),
                Arguments.of(OK + "{\"timestamp\": 1, \"timestamp\": 2, \"input_length\": 600, \"output_length\": 5, "
                        + "\"hash_ids\": [0, 1]}\n", 2, "row", "expected a JSON object on one line"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badRowsNameFileLineAndFieldAndAreCountedWhenSkipped(String text, int line, String field, String detail)
            throws IOException {
        Path p = TraceAsserts.write(dir, "bad.jsonl", text);
        TraceAsserts.assertBadRow(p, "mooncake", line, field, detail, 1);
    }

    @Test
    void streamsRowByRow() throws IOException {
        Path p = TraceAsserts.write(dir, "s.jsonl", OK + OK + "{\"timestamp\": 1, \"input_len");
        try (AgentSource s = Workloads.replay(p, null, false)) {
            assertThat(s.next().agent().pid()).isZero();
            assertThat(s.next().agent().pid()).isOne();
            assertThatThrownBy(s::next).hasMessageStartingWith(p + ":3: row: expected a JSON object on one line");
        }
    }

    @Test
    void emptyFileAlwaysFails() throws IOException {
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "empty.jsonl", "\n\n"), "mooncake", "row",
                "expected a Mooncake JSON line (the file is empty)");
    }

    @Test
    void skipKeepsRowIndexAsPid() throws IOException {
        Path p = TraceAsserts.write(dir, "mixed.jsonl", OK
                + "{\"timestamp\": 1, \"input_length\": 600, \"output_length\": 0, \"hash_ids\": [0, 1]}\n"
                + "not json\n"
                + OK.replace("\"timestamp\": 0", "\"timestamp\": 2"));
        try (AgentSource s = Workloads.replay(p, null, true)) {
            assertThat(Drive.all(s)).extracting(a -> a.agent().pid()).containsExactly(0L, 3L);
            assertThat(s.skippedRows()).isEqualTo(2);
        }
    }
}
