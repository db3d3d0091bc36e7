package dev.aiosim.workloads.trace.tracelab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceAsserts;
import dev.aiosim.workloads.trace.TraceFormatException;
import dev.aiosim.workloads.trace.TraceFormats;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceLabParserTest {
    static final Path SHARED = Path.of("../../shared/traces/tracelab");
    static final String HEADER = "session_id,arrival_time,round_idx,prefix_len,input_len,output_len,tool_wait_after_ms\n";
    static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** One session as counted from the file with plain string operations. */
    record Expected(long arrivalMs, List<Integer> prompts, List<Integer> outputs, List<Long> toolWaitsMs) {}

    private static Map<String, Expected> countIndependently(Path file) throws IOException {
        Map<String, Expected> sessions = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            Expected e = sessions.computeIfAbsent(f[0], k -> new Expected(Long.parseLong(f[1]), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>()));
            e.prompts().add(Integer.parseInt(f[3]) + Integer.parseInt(f[4]));
            e.outputs().add(Integer.parseInt(f[5]));
            e.toolWaitsMs().add(Long.parseLong(f[6]));
        }
        return sessions;
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi_session_example.csv", "multi_session_large.csv"})
    void sessionsBecomeAgentsWithTheirRoundsToolWaitsAndPrompts(String name) throws IOException {
        Path file = SHARED.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared TraceLab trace not present");
        Map<String, Expected> expected = countIndependently(file);
        List<String> ids = new ArrayList<>(expected.keySet());
        long rounds = 0;
        try (AgentSource s = Workloads.replay(file, null, false)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(s.skippedRows()).isZero();
            assertThat(all).hasSize(expected.size());
            for (int k = 0; k < all.size(); k++) {
                AgentArrival a = all.get(k);
                Expected e = expected.get(ids.get(k));
                assertThat(a.agent().pid()).isEqualTo(k);
                assertThat(a.agent().name()).isEqualTo("session-" + ids.get(k));
                assertThat(a.time()).isEqualTo(e.arrivalMs() * MS);
                List<Syscall> calls = Drive.run(a.agent().program());
                List<Integer> prompts = new ArrayList<>();
                List<Integer> outputs = new ArrayList<>();
                List<Long> tools = new ArrayList<>();
                int r = -1;
                for (Syscall c : calls) {
                    if (c instanceof LlmCall l) {
                        prompts.add(l.promptTokens());
                        outputs.add(l.outputTokens());
                        assertThat(l.prefix()).isEqualTo(new Prefix.Session(k, 16));
                        tools.add(0L);
                        r++;
                    } else {
                        ToolCall t = (ToolCall) c;
                        assertThat(r).as("a tool wait follows an LLM call").isGreaterThanOrEqualTo(0);
                        assertThat(tools.get(r)).as("one tool wait per round").isZero();
                        assertThat(t.latencyNanos()).isPositive();
                        tools.set(r, t.latencyNanos() / MS);
                    }
                }
                assertThat(prompts).isEqualTo(e.prompts());
                assertThat(outputs).isEqualTo(e.outputs());
                assertThat(tools).isEqualTo(e.toolWaitsMs());
                rounds += prompts.size();
            }
        }
        assertThat(rounds).isEqualTo(Files.readAllLines(file).size() - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi_session_example.csv", "multi_session_large.csv"})
    void publishedPrefixLenIsAtMostThePreviousRoundsWholeContext(String name) throws IOException {
        // the assumption behind Prefix.Session: round r's prompt starts with round r-1's prompt and output.
        // It holds on every row of the large file; the example's session 2 round 2 reuses the previous
        // prompt only (784 = 664 + 120, not + 48 output tokens), where the session naming over-credits.
        Path file = SHARED.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared TraceLab trace not present");
        List<AgentArrival> all = Drive.all(Workloads.replay(file, "tracelab", false));
        assertThat(all).hasSize(name.contains("large") ? 48 : 3);
        List<String> lines = Files.readAllLines(file);
        long context = 0;
        List<String> differing = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long prefix = Long.parseLong(f[3]);
            long expected = f[2].equals("0") ? 0 : context;
            assertThat(prefix).as(line).isLessThanOrEqualTo(expected);
            if (prefix != expected) {
                differing.add(line);
            }
            context = prefix + Long.parseLong(f[4]) + Long.parseLong(f[5]);
        }
        assertThat(differing).isEqualTo(name.contains("large") ? List.of() : List.of("2,500,2,784,80,48,0"));
    }

    /**
     * Closed loop: a tiny driver that serves every LLM call in {@code llmNanos} and every tool
     * call in its latency. A round must be issued exactly when the previous round's call and
     * tool wait completed, whatever the service time, never at a recorded time.
     */
    private static List<Long> issueTimes(AgentArrival a, long llmNanos) {
        Program p = a.agent().program();
        List<Long> times = new ArrayList<>();
        long now = a.time();
        SyscallResult previous = null;
        for (Syscall s = p.next(previous); s != null; s = p.next(previous)) {
            times.add(now);
            long done = now + (s instanceof ToolCall t ? t.latencyNanos() : llmNanos);
            int out = s instanceof LlmCall l ? l.tokensToGenerate() : 0;
            previous = new SyscallResult(s, now, done, SyscallResult.Status.COMPLETED, out);
            now = done;
        }
        return times;
    }

    @Test
    void roundsRunClosedLoopAfterTheirPredecessorCompletes() throws IOException {
        Path p = TraceAsserts.write(dir, "s.csv", HEADER
                + "0,0,0,0,512,64,100\n"
                + "0,0,1,576,128,64,100\n"
                + "0,0,2,768,128,64,0\n"
                + "1,200,0,0,400,48,80\n"
                + "1,200,1,448,100,48,0\n");
        List<AgentArrival> all = Drive.all(Workloads.replay(p, null, false));
        assertThat(all).extracting(AgentArrival::time).containsExactly(0L, 200 * MS);
        long second = 1_000_000_000L;
        // session 0: llm, tool 100ms, llm, tool 100ms, llm
        assertThat(issueTimes(all.get(0), second)).containsExactly(0L, second, second + 100 * MS,
                2 * second + 100 * MS, 2 * second + 200 * MS);
        // a fresh read: programs are stateful, one run each
        assertThat(issueTimes(Drive.all(Workloads.replay(p, null, false)).get(0), 10 * second)).containsExactly(0L, 10 * second, 10 * second + 100 * MS,
                20 * second + 100 * MS, 20 * second + 200 * MS);
        assertThat(issueTimes(all.get(1), second)).containsExactly(200 * MS, 200 * MS + second,
                200 * MS + second + 80 * MS);
        // the program does not issue round 1 before it has the result of round 0
        Program fresh = Drive.all(Workloads.replay(p, null, false)).get(0).agent().program();
        Syscall r0 = fresh.next(null);
        assertThat(r0).isEqualTo(new LlmCall(512, 64, 0, new Prefix.Session(0, 16)));
        assertThatThrownBy(() -> fresh.next(Drive.ok(new LlmCall(576 + 128, 64, 0, new Prefix.Session(0, 16)), 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(fresh.next(Drive.ok(r0, 5))).isEqualTo(new ToolCall("tool", 100 * MS));
    }

    @Test
    void aRejectedRoundDoesNotEndTheSession() throws IOException {
        Path p = TraceAsserts.write(dir, "s.csv", HEADER + "7,1.5,0,0,10,2,0\n7,1.5,1,12,3,4,0\n");
        AgentArrival a = Drive.all(Workloads.replay(p, null, false)).get(0);
        assertThat(a.time()).isEqualTo(1_500_000L);
        assertThat(a.agent().name()).isEqualTo("session-7");
        Program prog = a.agent().program();
        Syscall r0 = prog.next(null);
        assertThat(prog.next(new SyscallResult(r0, 0, 0, SyscallResult.Status.REJECTED, 0)))
                .isEqualTo(new LlmCall(15, 4, 0, new Prefix.Session(0, 16)));
    }

    static Stream<Arguments> badFiles() {
        String s0 = "0,0,0,0,512,64,100\n0,0,1,576,128,64,100\n";
        String s1 = "1,200,0,0,400,48,80\n1,200,1,448,100,48,0\n";
        return Stream.of(
                Arguments.of(s0 + "0,0,2,768,128\n" + s1, 4, "row",
                        "expected 7 fields (session_id,arrival_time,round_idx,prefix_len,input_len,output_len,"
                                + "tool_wait_after_ms), got '0,0,2,768,128'", 3),
                Arguments.of(s0 + "0,0,2,768,128,x,0\n" + s1, 4, "output_len",
                        "expected an integer >= 1 (a call generates at least one token), got 'x'", 3),
                Arguments.of(s0 + "0,0,2,768,128,0,0\n" + s1, 4, "output_len", "got '0'", 3),
                Arguments.of(s0 + "0,0,2,-768,128,64,0\n" + s1, 4, "prefix_len", "expected an integer >= 0, got '-768'", 3),
                Arguments.of(s0 + "0,0,2,0,0,64,0\n" + s1, 4, "input_len",
                        "expected an integer making prefix_len + input_len between 1 and 2147483647, got '0'", 3),
                Arguments.of(s0 + "0,0,2,768,128,64,-5\n" + s1, 4, "tool_wait_after_ms",
                        "expected a number of milliseconds >= 0, got '-5'", 3),
                Arguments.of(s0 + "0,soon,2,768,128,64,0\n" + s1, 4, "arrival_time",
                        "expected a number of milliseconds >= 0, got 'soon'", 3),
                Arguments.of(s0 + "0,0,5,768,128,64,0\n" + s1, 4, "round_idx",
                        "expected 2 (rounds of session 0 must be contiguous and in order), got '5'", 3),
                Arguments.of(s1 + s0, 4, "arrival_time",
                        "expected a time not before the previous session's 200 (sessions must be in arrival order), got '0'", 2),
                Arguments.of(s0 + "0,5,2,768,128,64,0\n" + s1, 4, "arrival_time",
                        "expected 0 (the arrival of session 0, as on its first row), got '5'", 3),
                Arguments.of(",0,0,0,512,64,100\n" + s1, 2, "session_id", "expected a session id, got ''", 1));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badRowsNameFileLineAndFieldAndSkipDropsTheWholeSession(String rows, int line, String field, String detail,
                                                                 int skipped) throws IOException {
        Path p = TraceAsserts.write(dir, "bad.csv", HEADER + rows);
        TraceAsserts.assertBadRow(p, "tracelab", line, field, detail, skipped);
    }

    @Test
    void aSessionThatReappearsStopsEvenWhenSkipping() throws IOException {
        // session 0 was replayed (rounds 0 and 1) before its round 2 turns up: skipping that row
        // would leave a session replayed in part, so neither mode goes on
        Path p = TraceAsserts.write(dir, "bad.csv", HEADER + "0,0,0,0,512,64,100\n0,0,1,576,128,64,100\n"
                + "1,200,0,0,400,48,80\n1,200,1,448,100,48,0\n0,0,2,768,128,64,0\n");
        for (OnBadRow mode : OnBadRow.values()) {
            AgentSource s = TraceFormats.open(p, "tracelab", mode);
            assertThatThrownBy(() -> {
                while (s.next() != null) {
                    // drain
                }
            }).isInstanceOf(TraceFormatException.class)
                    .hasMessage(p + ":6: round_idx: expected 0 (the first row of session 0; the rows of a session must be"
                            + " contiguous and in order), got '2'; skipping rows cannot repair this, fix the file");
        }
    }

    @Test
    void skipKeepsTheGoodSessionsWithTheirOrdinalAsPid() throws IOException {
        Path p = TraceAsserts.write(dir, "mixed.csv", HEADER
                + "a,0,0,0,10,1,0\n"
                + "b,5,0,0,10,1,0\n"
                + "b,5,2,11,10,1,0\n"
                + "b,5,3,22,10,1,0\n"
                + "\n"
                + "c,6,0,0,10,1,0\n"
                + "c,6,1,11,1,1,0\n");
        try (AgentSource s = Workloads.replay(p, null, true)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(all).extracting(a -> a.agent().name()).containsExactly("session-a", "session-c");
            assertThat(all).extracting(a -> a.agent().pid()).containsExactly(0L, 2L);
            assertThat(Drive.run(all.get(1).agent().program())).hasSize(2);
            assertThat(s.skippedRows()).isEqualTo(3);
        }
    }

    /** Random sessions written as TraceLab CSV read back as the same scripts (seeded, so reproducible). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void randomSessionsRoundTrip(long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(HEADER);
        List<List<Syscall>> expected = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        long arrivalUs = 0;
        int sessions = 1 + rnd.nextInt(30);
        for (int k = 0; k < sessions; k++) {
            arrivalUs += rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1, 5_000_000);
            String arrivalText = BigDecimal.valueOf(arrivalUs, 3).toPlainString();
            arrivals.add(arrivalUs * 1_000L);
            List<Syscall> script = new ArrayList<>();
            int rounds = 1 + rnd.nextInt(6);
            long context = 0;
            for (int r = 0; r < rounds; r++) {
                int input = rnd.nextInt(r == 0 ? 1 : 0, 3000);
                int output = rnd.nextInt(1, 500);
                long waitMs = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1, 2000);
                csv.append("s").append(k).append(',').append(arrivalText).append(',').append(r).append(',')
                        .append(context).append(',').append(input).append(',').append(output).append(',')
                        .append(waitMs).append('\n');
                if (rnd.nextInt(10) == 0) {
                    csv.append('\n');
                }
                script.add(new LlmCall((int) (context + input), output, 0, new Prefix.Session(k, 16)));
                if (waitMs > 0) {
                    script.add(new ToolCall("tool", waitMs * MS));
                }
                context += input + output;
            }
            expected.add(script);
        }
        Path p = TraceAsserts.write(dir, "random.csv", csv.toString());
        List<AgentArrival> all = Drive.all(Workloads.replay(p, null, false));
        assertThat(all).extracting(AgentArrival::time).isEqualTo(arrivals);
        assertThat(all.stream().map(a -> Drive.run(a.agent().program())).toList()).isEqualTo(expected);
    }

    @Test
    void streamsASessionBeforeReadingTheRestOfTheFile() throws IOException {
        Path p = TraceAsserts.write(dir, "s.csv", HEADER + "0,0,0,0,10,1,0\n0,0,1,11,10,1,0\n1,5,0,0,10,1,0\n"
                + "1,5,1,11,10,1,0\n2,6,0,0,10,1,0\nbroken\n");
        try (AgentSource s = Workloads.replay(p, null, false)) {
            assertThat(s.next().agent().name()).isEqualTo("session-0");
            assertThat(s.next().agent().name()).isEqualTo("session-1");
            // session 2 ends at the next row, whose id differs: it is returned before that row is checked
            assertThat(s.next().agent().name()).isEqualTo("session-2");
            assertThatThrownBy(s::next).hasMessageStartingWith(p + ":7: row: expected 7 fields");
        }
    }

    @Test
    void emptyFileAndMissingHeaderAlwaysFail() throws IOException {
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "empty.csv", ""), "tracelab", "header",
                "(the file is empty)");
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "nohead.csv", "0,0,0,0,512,64,100\n"), "tracelab",
                "header", "expected the TraceLab replay header with columns session_id,arrival_time,round_idx,"
                        + "prefix_len,input_len,output_len,tool_wait_after_ms (missing session_id), got '0,0,0,0,512,64,100'");
    }
}
