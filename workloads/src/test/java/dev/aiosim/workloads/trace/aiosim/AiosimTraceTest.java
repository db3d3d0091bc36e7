package dev.aiosim.workloads.trace.aiosim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.ArrivalSpec;
import dev.aiosim.workloads.DistSpec;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.PriorityShare;
import dev.aiosim.workloads.ProgramSpec;
import dev.aiosim.workloads.WorkloadSpec;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormatException;
import dev.aiosim.workloads.trace.TraceFormats;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AiosimTraceTest {
    static final Path AZURE_SLICE = Path.of("../cli/src/test/resources/dev/aiosim/cli/azure-conv-slice.csv");
    static final Path CONV = Path.of("../../shared/traces/azure-llm-2023/AzureLLMInferenceTrace_conv.csv");
    static final String HEADER = "{\"aiosim_trace\":1}\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static List<TraceAgent> readAll(AgentSource source) {
        List<TraceAgent> out = new ArrayList<>();
        try (source) {
            for (AgentArrival a = source.next(); a != null; a = source.next()) {
                out.add(TraceAgent.of(a));
            }
        }
        return out;
    }

    private Path writeTrace(String name, List<TraceAgent> agents, String source) {
        Path p = dir.resolve(name);
        try (AiosimTraceWriter w = new AiosimTraceWriter(p, source)) {
            agents.forEach(w::write);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void generatedAgentsWithEverySyscallKindRoundTripExactlyAndDeterministically(long seed) throws IOException {
        List<TraceAgent> agents = RandomAgents.make(seed, 200);
        Path p = writeTrace("r.jsonl", agents, "seed " + seed);
        AgentSource s = TraceFormats.open(p, null, OnBadRow.FAIL);
        assertThat(((AiosimTraceSource) s).source()).isEqualTo("seed " + seed);
        List<TraceAgent> back = readAll(s);
        assertThat(back).isEqualTo(agents);
        // writing what was read gives the same bytes
        Path again = writeTrace("r2.jsonl", back, "seed " + seed);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(p));
        // and the reader hands out fresh programs that replay the syscalls closed-loop
        List<AgentArrival> arrivals = Drive.all(new AiosimTraceSource(p, OnBadRow.FAIL));
        for (int i = 0; i < agents.size(); i++) {
            assertThat(arrivals.get(i).time()).isEqualTo(agents.get(i).arrivalNanos());
            assertThat(Drive.run(arrivals.get(i).agent().program())).isEqualTo(agents.get(i).syscalls());
        }
    }

    @Test
    void everyKindAndBothPrefixesAreCovered() {
        List<TraceAgent> agents = RandomAgents.make(1, 200);
        var kinds = agents.stream().flatMap(a -> a.syscalls().stream()).map(c -> c.getClass().getSimpleName()).distinct().toList();
        assertThat(kinds).containsExactlyInAnyOrder("LlmCall", "ToolCall", "MemoryCall", "StorageCall", "FanOut");
        var prefixes = agents.stream().flatMap(a -> a.syscalls().stream())
                .map(c -> c instanceof LlmCall l && l.prefix() != null ? l.prefix().getClass().getSimpleName() : "-").distinct().toList();
        assertThat(prefixes).contains("Blocks", "Session");
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void generatedReactWorkloadReplaysTheSyscallsItsAgentsIssue(long seed) {
        WorkloadSpec spec = WorkloadSpec.generator(120, ArrivalSpec.gamma(4, 2),
                ProgramSpec.react(DistSpec.uniform(1, 8), DistSpec.lognormal(400, 0.3), DistSpec.lognormal(200, 0.5),
                        DistSpec.exponential(150), DistSpec.lognormal("1.5s", 0.8)),
                List.of(new PriorityShare(0.1, 2), new PriorityShare(0.3, 1)));
        List<TraceAgent> generated = readAll(Workloads.open(spec, seed, dir));
        assertThat(generated.stream().mapToInt(a -> a.syscalls().size()).max().orElseThrow()).isGreaterThan(1);
        assertThat(generated).extracting(TraceAgent::priority).contains(0, 1, 2);
        Path p = writeTrace("react.jsonl", generated, "react");
        List<AgentArrival> replayed = Drive.all(Workloads.replay(p, null, false));
        List<AgentArrival> fresh = Drive.all(Workloads.open(spec, seed, dir));
        assertThat(replayed).hasSameSizeAs(fresh);
        for (int i = 0; i < fresh.size(); i++) {
            AgentArrival a = fresh.get(i);
            AgentArrival b = replayed.get(i);
            assertThat(b.time()).isEqualTo(a.time());
            assertThat(b.agent().pid()).isEqualTo(a.agent().pid());
            assertThat(b.agent().priority()).isEqualTo(a.agent().priority());
            assertThat(Drive.run(b.agent().program())).isEqualTo(Drive.run(a.agent().program()));
        }
    }

    @Test
    void azureSliceRoundTripsThroughAiosimJsonl() {
        List<TraceAgent> azure = readAll(Workloads.replay(AZURE_SLICE, null, false));
        assertThat(azure).hasSize(40);
        Path p = writeTrace("azure.jsonl", azure, "azure slice");
        assertThat(TraceFormats.detect(p).name()).isEqualTo("aiosim");
        assertThat(readAll(Workloads.replay(p, null, false))).isEqualTo(azure);
    }

    @Test
    void wholeConvTraceRoundTripsThroughGzip() {
        Assumptions.assumeTrue(Files.isRegularFile(CONV), "shared Azure trace not present");
        Path p = dir.resolve("conv.jsonl.gz");
        long n = 0;
        try (AgentSource in = Workloads.replay(CONV, null, false); AiosimTraceWriter w = new AiosimTraceWriter(p, null)) {
            for (AgentArrival a = in.next(); a != null; a = in.next()) {
                w.write(TraceAgent.of(a));
                n++;
            }
        }
        try (AgentSource a = Workloads.replay(CONV, null, false); AgentSource b = Workloads.replay(p, null, false)) {
            for (long i = 0; i < n; i++) {
                assertThat(TraceAgent.of(b.next())).isEqualTo(TraceAgent.of(a.next()));
            }
            assertThat(b.next()).isNull();
        }
    }

    @Test
    void writerLayoutIsFixedAndDefaultsAreLeftOut() {
        StringWriter out = new StringWriter();
        try (AiosimTraceWriter w = new AiosimTraceWriter(out, "unit")) {
            w.write(new TraceAgent(0, "a", 5, 0, 1.0, "default", List.of(new LlmCall(10, 2))));
            w.write(new TraceAgent(7, "b", 5, -1, 0.5, "ops", List.of(
                    new LlmCall(10, 2, 3, new Prefix.Blocks(512, new long[] {4, -9})), new ToolCall("search", 1500),
                    new LlmCall(20, 4, 0, new Prefix.Session(7, 16)))));
            assertThatThrownBy(() -> w.write(new TraceAgent(8, "c", 4, 0, 1.0, "default", List.of())))
                    .hasMessageContaining("before the previous agent");
        }
        assertThat(out.toString()).isEqualTo("""
                {"aiosim_trace":1,"source":"unit"}
                {"pid":0,"name":"a","arrival_ns":5,"syscalls":[{"llm":{"prompt":10,"output":2}}]}
                {"pid":7,"name":"b","arrival_ns":5,"priority":-1,"weight":0.5,"group":"ops","syscalls":[{"llm":{"prompt":10,"output":2,"max_tokens":3,"prefix":{"block_tokens":512,"ids":[4,-9]}}},{"tool":{"latency_ns":1500,"name":"search"}},{"llm":{"prompt":20,"output":4,"prefix":{"session":7,"block_tokens":16}}}]}
                """);
    }

    @Test
    void omittedFieldsTakeTheirDefaults() throws IOException {
        Path p = write("d.jsonl", HEADER + "\n{\"pid\":3,\"arrival_ns\":0,\"syscalls\":[{\"memory\":{\"latency_ns\":1}},"
                + "{\"storage\":{\"latency_ns\":2,\"op\":\"read\"}}]}\n\n");
        List<TraceAgent> all = readAll(Workloads.replay(p, "aiosim-jsonl", false));
        assertThat(all).containsExactly(new TraceAgent(3, "agent-3", 0, 0, 1.0, "default", List.of(
                new dev.aiosim.kernel.process.MemoryCall(null, 1), new dev.aiosim.kernel.process.StorageCall("read", 2))));
    }

    static Stream<Arguments> badFiles() {
        String ok = "{\"pid\":0,\"arrival_ns\":10,\"syscalls\":[{\"llm\":{\"prompt\":5,\"output\":1}}]}\n";
        String h = HEADER;
        return Stream.of(
                Arguments.of("", 1, "header", "expected an aiosim trace header {\"aiosim_trace\":1,\"source\":\"...\"} (the file is empty), got ''"),
                Arguments.of(ok, 1, "header", "got '" + ok.strip() + "'"),
                Arguments.of("{\"aiosim_trace\":2}\n", 1, "aiosim_trace", "expected 1 (the only version of the format), got '2'"),
                Arguments.of("{\"aiosim_trace\":1,\"source\":3}\n", 1, "source", "expected a string, got '3'"),
                Arguments.of("{\"aiosim_trace\":1,\"origin\":\"x\"}\n", 1, "origin", "expected one of the header keys aiosim_trace, source, got 'origin'"),
                Arguments.of(h + ok + "{\"pid\":1,\"arrival_ns\":20,\"sysc", 3, "row", "expected one JSON object (Unexpected end-of-input"),
                Arguments.of(h + ok + "[1,2]\n", 3, "row", "expected a JSON object (one agent), got '[1,2]'"),
                Arguments.of(h + ok + "{\"pid\":1,\"arrival_ns\":20,\"syscalls\":[]} {}\n", 3, "row", "expected one JSON object ("),
                Arguments.of(h + "{\"pid\":1,\"pid\":2,\"arrival_ns\":20,\"syscalls\":[]}\n", 2, "row", "Duplicate field 'pid'"),
                Arguments.of(h + "{\"arrival_ns\":20,\"syscalls\":[]}\n", 2, "pid", "expected an integer >= 0 (the key is missing), got ''"),
                Arguments.of(h + "{\"pid\":1,\"syscalls\":[]}\n", 2, "arrival_ns", "expected an integer >= 0 (the key is missing), got ''"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0}\n", 2, "syscalls", "expected an array of syscalls (the key is missing), got ''"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[],\"colour\":1}\n", 2, "colour",
                        "expected one of the keys pid, name, arrival_ns, priority, weight, group, syscalls, got 'colour'"),
                Arguments.of(h + "{\"pid\":-1,\"arrival_ns\":0,\"syscalls\":[]}\n", 2, "pid", "expected an integer >= 0, got '-1'"),
                Arguments.of(h + "{\"pid\":\"1\",\"arrival_ns\":0,\"syscalls\":[]}\n", 2, "pid", "got '\"1\"'"),
                Arguments.of(h + "{\"pid\":1.5,\"arrival_ns\":0,\"syscalls\":[]}\n", 2, "pid", "got '1.5'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":-3,\"syscalls\":[]}\n", 2, "arrival_ns", "expected an integer >= 0, got '-3'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":99999999999999999999,\"syscalls\":[]}\n", 2, "arrival_ns", "got '99999999999999999999'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"name\":7,\"syscalls\":[]}\n", 2, "name", "expected a string, got '7'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"group\":null,\"syscalls\":[]}\n", 2, "group", "expected a string, got 'null'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"priority\":1.5,\"syscalls\":[]}\n", 2, "priority", "expected an integer, got '1.5'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"weight\":0,\"syscalls\":[]}\n", 2, "weight", "expected a number > 0, got '0'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"weight\":\"1\",\"syscalls\":[]}\n", 2, "weight", "got '\"1\"'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":{}}\n", 2, "syscalls", "expected an array of syscalls, got '{}'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":0,\"output\":1}}]}\n", 2,
                        "syscalls[0].llm.prompt", "expected an integer >= 1 and <= 2147483647, got '0'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3}}]}\n", 2,
                        "syscalls[0].llm.output", "(the key is missing), got ''"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3,\"output\":4,\"max_tokens\":-1}}]}\n", 2,
                        "syscalls[0].llm.max_tokens", "expected an integer >= 0 and <= 2147483647, got '-1'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3000000000,\"output\":4}}]}\n", 2,
                        "syscalls[0].llm.prompt", "got '3000000000'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3,\"output\":4,\"temperature\":1}}]}\n", 2,
                        "syscalls[0].llm.temperature", "expected one of the keys prompt, output, max_tokens, prefix, got 'temperature'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"tool\":{\"latency_ns\":5}},{\"tool\":{\"latency_ns\":-5}}]}\n", 2,
                        "syscalls[1].tool.latency_ns", "expected an integer >= 0, got '-5'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"memory\":{\"latency_ns\":5,\"name\":\"x\"}}]}\n", 2,
                        "syscalls[0].memory.name", "expected one of the keys latency_ns, op, size, item, target, got 'name'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"storage\":5}]}\n", 2,
                        "syscalls[0].storage", "expected an object, got '5'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"tool\":{\"latency_ns\":5},\"llm\":{\"prompt\":1,\"output\":1}}]}\n", 2,
                        "syscalls[0]", "expected an object with exactly one key: llm, tool, memory, storage or parallel"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"sleep\":{}}]}\n", 2,
                        "syscalls[0]", "expected one of the keys llm, tool, memory, storage or parallel, got 'sleep'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"parallel\":[]}]}\n", 2,
                        "syscalls[0].parallel", "expected a non-empty array of syscalls run at once, got '[]'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"parallel\":[{\"tool\":{\"latency_ns\":5}},{\"parallel\":[]}]}]}\n", 2,
                        "syscalls[0].parallel[1]", "(fan-outs do not nest), got 'parallel'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"parallel\":[{\"tool\":{\"latency_ns\":-1}}]}]}\n", 2,
                        "syscalls[0].parallel[0].tool.latency_ns", "expected an integer >= 0, got '-1'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3,\"output\":4,\"prefix\":{\"block_tokens\":16}}}]}\n", 2,
                        "syscalls[0].llm.prefix", "expected either {\"block_tokens\":N,\"ids\":[...]} or {\"session\":K,\"block_tokens\":N}"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3,\"output\":4,\"prefix\":{\"block_tokens\":16,\"ids\":[1,\"x\"]}}}]}\n", 2,
                        "syscalls[0].llm.prefix.ids[1]", "expected an integer block id (64-bit), got '\"x\"'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3,\"output\":4,\"prefix\":{\"block_tokens\":0,\"ids\":[]}}}]}\n", 2,
                        "syscalls[0].llm.prefix.block_tokens", "got '0'"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3,\"output\":4,\"prefix\":{\"session\":2,\"block_tokens\":16,\"ids\":[]}}}]}\n", 2,
                        "syscalls[0].llm.prefix", "expected either"),
                Arguments.of(h + "{\"pid\":1,\"arrival_ns\":0,\"syscalls\":[{\"llm\":{\"prompt\":3,\"output\":4,\"prefix\":{\"session\":\"s\",\"block_tokens\":16}}}]}\n", 2,
                        "syscalls[0].llm.prefix.session", "expected an integer session key (64-bit), got '\"s\"'"),
                Arguments.of(h + ok + "{\"pid\":1,\"arrival_ns\":9,\"syscalls\":[]}\n", 3, "arrival_ns",
                        "expected a time not before the previous agent's 10, got '9'"),
                Arguments.of(h + ok + "\n{\"pid\":0,\"arrival_ns\":11,\"syscalls\":[]}\n", 4, "pid",
                        "expected a pid not used by an earlier agent, got '0'"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badInputNamesFileLineAndField(String text, int line, String field, String detail) throws IOException {
        Path p = write("bad.jsonl", text);
        assertThatThrownBy(() -> readAll(Workloads.replay(p, "aiosim", false)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(p + ":" + line + ": " + field + ": expected ")
                .hasMessageContaining(detail)
                .satisfies(e -> {
                    TraceFormatException t = (TraceFormatException) e;
                    assertThat(t.line()).isEqualTo(line);
                    assertThat(t.field()).isEqualTo(field);
                });
    }

    @Test
    void skipModeSkipsBadAgentLinesAndCountsThem() throws IOException {
        Path p = write("mixed.jsonl", HEADER
                + "{\"pid\":0,\"arrival_ns\":10,\"syscalls\":[]}\n"
                + "{\"pid\":1,\"arrival_ns\":5,\"syscalls\":[]}\n" // backwards
                + "{\"pid\":0,\"arrival_ns\":20,\"syscalls\":[]}\n" // duplicate pid
                + "{\"pid\":2,\"arrival_ns\":20,\"syscalls\":[{\"parallel\":[]}]}\n"
                + "{\"pid\":3,\"arrival_ns\":20,\"sysc\n" // truncated
                + "{\"pid\":1,\"arrival_ns\":30,\"syscalls\":[]}\n" // pid 1 was skipped, so it is free
                + "\n"
                + "{\"pid\":4,\"arrival_ns\":30,\"syscalls\":[{\"tool\":{\"latency_ns\":1}}]}");
        try (AgentSource s = Workloads.replay(p, null, true)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(all).extracting(a -> a.agent().pid()).containsExactly(0L, 1L, 4L);
            assertThat(all).extracting(AgentArrival::time).containsExactly(10L, 30L, 30L);
            assertThat(s.skippedRows()).isEqualTo(4);
        }
    }

    @Test
    void structuralErrorsFailEvenWhenSkipping() throws IOException {
        Path empty = write("empty.jsonl", "");
        assertThatThrownBy(() -> new AiosimTraceSource(empty, OnBadRow.SKIP)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining(":1: header: ");
        Path noHeader = write("nohead.jsonl", "{\"pid\":0,\"arrival_ns\":10,\"syscalls\":[]}\n");
        assertThatThrownBy(() -> new AiosimTraceSource(noHeader, OnBadRow.SKIP)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining(":1: header: ");
    }

    @Test
    void detection() throws IOException {
        Path p = write("x.trace", "\uFEFF" + HEADER);
        assertThat(TraceFormats.detect(p).name()).isEqualTo("aiosim");
        assertThat(TraceFormats.byName("AIOSIM-JSONL")).get().extracting(f -> f.name()).isEqualTo("aiosim");
        AiosimFormat f = new AiosimFormat();
        assertThat(f.accepts("{\"aiosim_trace\":1,\"source\":\"x\"}")).isTrue();
        assertThat(f.accepts("  { \"source\":\"x\", \"aiosim_trace\" : 1 }")).isTrue();
        assertThat(f.accepts("TIMESTAMP,ContextTokens,GeneratedTokens")).isFalse();
        assertThat(f.accepts("{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 3, \"hash_ids\": [1]}")).isFalse();
        assertThat(TraceFormats.byName("azure").orElseThrow().accepts("{\"aiosim_trace\":1}")).isFalse();
        assertThat(Drive.all(Workloads.replay(p, null, false))).isEmpty();
    }
}
