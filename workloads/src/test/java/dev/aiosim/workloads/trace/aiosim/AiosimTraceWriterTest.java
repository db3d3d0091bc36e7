package dev.aiosim.workloads.trace.aiosim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.ToolCall;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aiosim JSONL writer: header, one agent per line, every syscall kind, defaults left out. */
class AiosimTraceWriterTest {
    @Test
    void writesTheHeaderAndOneAgentPerLine() throws Exception {
        StringWriter s = new StringWriter();
        try (AiosimTraceWriter w = new AiosimTraceWriter(s, "test")) {
            w.write(new TraceAgent(0, "agent-0", 5, 0, 1.0, "default", List.of(
                    new LlmCall(812, 120, 0, new Prefix.Blocks(512, new long[] {1, 2})), new ToolCall("search", 1_500_000_000L))));
            w.write(new TraceAgent(3, "x", 9, 2, 0.5, "g", List.of(new LlmCall(10, 5, 4, new Prefix.Session(7, 16)),
                    new MemoryCall("read", 3), new StorageCall("write", 4))));
        }
        String[] lines = s.toString().split("\n");
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines[0])).isEqualTo(json.readTree("{\"aiosim_trace\":1,\"source\":\"test\"}"));
        assertThat(json.readTree(lines[1])).isEqualTo(json.readTree("{\"pid\":0,\"name\":\"agent-0\",\"arrival_ns\":5,\"syscalls\":["
                + "{\"llm\":{\"prompt\":812,\"output\":120,\"prefix\":{\"block_tokens\":512,\"ids\":[1,2]}}},"
                + "{\"tool\":{\"latency_ns\":1500000000,\"name\":\"search\"}}]}"));
        JsonNode b = json.readTree(lines[2]);
        assertThat(b.get("priority").asInt()).isEqualTo(2);
        assertThat(b.get("weight").asDouble()).isEqualTo(0.5);
        assertThat(b.get("group").asText()).isEqualTo("g");
        assertThat(b.get("syscalls")).isEqualTo(json.readTree("[{\"llm\":{\"prompt\":10,\"output\":5,\"max_tokens\":4,"
                + "\"prefix\":{\"session\":7,\"block_tokens\":16}}},{\"memory\":{\"latency_ns\":3,\"op\":\"read\"}},"
                + "{\"storage\":{\"latency_ns\":4,\"op\":\"write\"}}]"));
    }

    @Test
    void agentsOutOfArrivalOrderAreRefused() {
        AiosimTraceWriter w = new AiosimTraceWriter(new StringWriter(), null);
        w.write(new TraceAgent(0, "a", 10, 0, 1, "default", List.of()));
        assertThatThrownBy(() -> w.write(new TraceAgent(1, "b", 9, 0, 1, "default", List.of())))
                .hasMessageContaining("agent 1 arrives at 9 ns, before the previous agent (10 ns)");
    }

    /** Memory and storage calls carry op, size, item or file and target; an old line without them reads as before. */
    @Test
    void sizedMemoryAndStorageCallsRoundTrip() throws Exception {
        List<dev.aiosim.kernel.process.Syscall> calls = List.of(new MemoryCall("write", 0, 400, "obs-1", 7),
                new StorageCall("create", 5, 1000, "notes", MemoryCall.SELF), new MemoryCall("read", 3));
        StringWriter s = new StringWriter();
        try (AiosimTraceWriter w = new AiosimTraceWriter(s, null)) {
            w.write(new TraceAgent(0, "a", 0, 0, 1, "team-0", calls));
        }
        String line = s.toString().split("\n")[1];
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(line).get("syscalls")).isEqualTo(json.readTree("[{\"memory\":{\"latency_ns\":0,\"op\":\"write\","
                + "\"size\":400,\"item\":\"obs-1\",\"target\":7}},{\"storage\":{\"latency_ns\":5,\"op\":\"create\","
                + "\"size\":1000,\"file\":\"notes\"}},{\"memory\":{\"latency_ns\":3,\"op\":\"read\"}}]"));
        assertThat(AgentLine.parse(json.readTree(line)).syscalls()).isEqualTo(calls);
        assertThatThrownBy(() -> AgentLine.parse(json.readTree(
                "{\"pid\":0,\"arrival_ns\":0,\"syscalls\":[{\"memory\":{\"latency_ns\":0,\"size\":-1}}]}")))
                .hasMessageContaining("syscalls[0].memory.size");
    }
}
