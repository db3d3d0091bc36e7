package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandsTest {
    @TempDir
    static Path tmp;
    static Path slice;

    /** The slice read independently of aiosim: arrival offsets in ns, prompt and output tokens. */
    static long[] offsets;
    static long[] prompts;
    static long[] outputs;

    @BeforeAll
    static void readSlice() throws IOException {
        slice = tmp.resolve("azure-conv-slice.csv");
        try (InputStream in = TraceCommandsTest.class.getResourceAsStream("/dev/aiosim/cli/azure-conv-slice.csv")) {
            Files.copy(in, slice);
        }
        List<String> lines = Files.readAllLines(slice).subList(1, 41);
        offsets = new long[lines.size()];
        prompts = new long[lines.size()];
        outputs = new long[lines.size()];
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");
        long first = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            LocalDateTime t = LocalDateTime.parse(c[0], f);
            long ns = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
            if (i == 0) {
                first = ns;
            }
            offsets[i] = ns - first;
            prompts[i] = Long.parseLong(c[1]);
            outputs[i] = Long.parseLong(c[2]);
        }
    }

    /** The value after "key:" on its own line of the inspect report. */
    static String field(String report, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + ":\\s+(.*)$").matcher(report);
        assertThat(m.find()).as("line '%s:' in%n%s", key, report).isTrue();
        return m.group(1);
    }

    static long nearestRank(long[] values, double percentile) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(percentile / 100 * s.length) - 1];
    }

    /** Rows of the first table whose header starts with {@code firstColumn}, split on spaces. */
    static List<String[]> table(String report, String firstColumn) {
        List<String> lines = report.lines().toList();
        int h = 0;
        while (!lines.get(h).startsWith(firstColumn)) {
            h++;
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = h + 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
            rows.add(lines.get(i).trim().split("\\s{2,}"));
        }
        return rows;
    }

    @Test
    void inspectOfTheAzureSliceMatchesAnIndependentCount() {
        Cli r = Cli.run("trace", "inspect", slice.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(field(out, "format")).isEqualTo("azure-2023");
        assertThat(field(out, "agents")).isEqualTo("40");
        assertThat(field(out, "llm calls")).isEqualTo("40");
        assertThat(field(out, "skipped rows")).isEqualTo("0");
        long span = offsets[offsets.length - 1];
        assertThat(field(out, "duration")).isEqualTo(BigDecimal.valueOf(span, 9).setScale(3, java.math.RoundingMode.HALF_UP)
                + " s (first to last arrival)");

        List<String[]> arrivals = table(out, "from_s");
        long agents = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            String[] row = arrivals.get(i);
            long from = Math.round(Double.parseDouble(row[0]) * 1e9);
            long to = Math.round(Double.parseDouble(row[1]) * 1e9);
            boolean lastRow = i == arrivals.size() - 1;
            long expected = Arrays.stream(offsets).filter(o -> o >= from && (o < to || lastRow)).count();
            assertThat(Long.parseLong(row[2])).as("agents in row %d", i).isEqualTo(expected);
            assertThat(Long.parseLong(row[3])).as("calls in row %d", i).isEqualTo(expected);
            assertThat(Double.parseDouble(row[4])).isCloseTo(expected / ((to - from) / 1e9), within(0.01));
            agents += expected;
        }
        assertThat(agents).isEqualTo(40);
        assertThat(arrivals.size()).isBetween(2, 12);

        List<String[]> tokens = table(out, "tokens per llm call");
        for (String[] row : tokens) {
            long[] values = row[0].equals("prompt") ? prompts : outputs;
            assertThat(Long.parseLong(row[1])).isCloseTo(nearestRank(values, 50), within(nearestRank(values, 50) / 500 + 1));
            assertThat(Long.parseLong(row[2])).isCloseTo(nearestRank(values, 90), within(nearestRank(values, 90) / 500 + 1));
            assertThat(Long.parseLong(row[3])).isCloseTo(nearestRank(values, 99), within(nearestRank(values, 99) / 500 + 1));
            assertThat(Long.parseLong(row[4])).isEqualTo(Arrays.stream(values).max().orElseThrow());
            assertThat(Double.parseDouble(row[5])).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(0.05));
        }
        assertThat(tokens).extracting(x -> x[0]).containsExactly("prompt", "output");
        assertThat(field(out, "sessions")).startsWith("0 of 40 agents");
        assertThat(field(out, "tool waits")).startsWith("0 calls");
        assertThat(field(out, "prefix reuse")).startsWith("none");
    }

    @Test
    void inspectOfSessionsToolWaitsAndPrefixReuse() throws IOException {
        Path p = tmp.resolve("sessions.jsonl");
        Files.writeString(p, """
                {"aiosim_trace":1}
                {"pid":0,"arrival_ns":0,"syscalls":[{"llm":{"prompt":100,"output":20,"prefix":{"session":1,"block_tokens":16}}},{"tool":{"latency_ns":1500000000}},{"llm":{"prompt":150,"output":10,"prefix":{"session":1,"block_tokens":16}}},{"tool":{"latency_ns":500000000}},{"llm":{"prompt":170,"output":5,"max_tokens":2,"prefix":{"session":1,"block_tokens":16}}}]}
                {"pid":1,"arrival_ns":1000000000,"syscalls":[{"llm":{"prompt":1024,"output":8,"prefix":{"block_tokens":512,"ids":[1,2]}}}]}
                {"pid":2,"arrival_ns":2000000000,"syscalls":[{"llm":{"prompt":1500,"output":8,"prefix":{"block_tokens":512,"ids":[1,2,3]}}},{"memory":{"latency_ns":7}},{"llm":{"prompt":600,"output":8,"prefix":{"block_tokens":512,"ids":[3,4]}}}]}
                {"pid":3,"arrival_ns":4000000000,"syscalls":[{"storage":{"latency_ns":9}}]}
                """);
        Cli r = Cli.run("trace", "inspect", p.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(field(out, "format")).isEqualTo("aiosim");
        assertThat(field(out, "agents")).isEqualTo("4");
        assertThat(field(out, "llm calls")).isEqualTo("6");
        assertThat(field(out, "duration")).isEqualTo("4.000 s (first to last arrival)");
        // agents 0 (3 calls) and 2 (2 calls) are sessions
        assertThat(field(out, "sessions")).isEqualTo("2 of 4 agents make more than one llm call (5 llm calls)");
        assertThat(field(out, "rounds per session")).isEqualTo("p50 2, p90 3, p99 3, max 3, mean 2.50");
        assertThat(field(out, "tool waits")).isEqualTo("2 calls, 2.000 s in total, mean 1.000 s");
        assertThat(field(out, "memory waits")).startsWith("1 calls, 0.000 s");
        assertThat(field(out, "storage waits")).startsWith("1 calls");
        // block ids in order: 1,2 | 1,2,3 | 3,4 -> seen before: 1,2 (second call), 3 (third call) = 3 of 7
        assertThat(field(out, "prefix reuse (block ids)")).startsWith("3 of 7 prompt blocks (42.9%)");
        // session 1: call 1 reuses nothing; call 2: produced 120 -> min(150,120)=120 -> 7 full blocks = 112;
        // call 3: produced 150+10=160 -> min(170,160)=160 -> 10 blocks = 160. 272 of 420 tokens.
        assertThat(field(out, "prefix reuse (sessions)")).startsWith("272 of 420 prompt tokens (64.8%)");
        List<String[]> tokens = table(out, "tokens per llm call");
        assertThat(tokens.get(0)).containsExactly("prompt", "170", "1500", "1500", "1500", "590.7");
        assertThat(tokens.get(1)).containsExactly("output", "8", "20", "20", "20", "9.8");
    }

    private static List<TraceAgent> agents(Path file) {
        List<TraceAgent> out = new ArrayList<>();
        try (AgentSource s = Workloads.replay(file, null, false)) {
            for (AgentArrival a = s.next(); a != null; a = s.next()) {
                out.add(TraceAgent.of(a));
            }
        }
        return out;
    }

    @Test
    void convertToAiosimIsLosslessAndDeterministic() throws IOException {
        Path a = tmp.resolve("slice.jsonl");
        Cli r = Cli.run("trace", "convert", slice.toString(), "--to", "aiosim", "--out", a.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 40 agents");
        assertThat(agents(a)).isEqualTo(agents(slice));
        Path b = tmp.resolve("slice2.jsonl");
        assertThat(Cli.run("trace", "convert", a.toString(), "--to", "AIOSIM", "--out", b.toString()).code()).isZero();
        assertThat(agents(b)).isEqualTo(agents(slice));
        Path c = tmp.resolve("slice3.jsonl");
        assertThat(Cli.run("trace", "convert", slice.toString(), "--to", "aiosim", "--out", c.toString()).code()).isZero();
        assertThat(Files.readAllBytes(c)).isEqualTo(Files.readAllBytes(a));
        // inspect sees the same trace in both formats
        String before = Cli.run("trace", "inspect", slice.toString()).out();
        String after = Cli.run("trace", "inspect", a.toString()).out();
        assertThat(after.lines().skip(2).toList()).isEqualTo(before.lines().skip(2).toList());
    }

    @Test
    void convertToVidurWritesArrivalSecondsAndTokens() throws IOException {
        Path v = tmp.resolve("slice.vidur.csv");
        Cli r = Cli.run("trace", "convert", slice.toString(), "--to", "vidur", "--out", v.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(v).get(0)).isEqualTo("arrived_at,num_prefill_tokens,num_decode_tokens");
        List<CSVRecord> rows = CommandsTest.csv(v);
        assertThat(rows).hasSize(40);
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            assertThat(new BigDecimal(row.get("arrived_at")).movePointRight(9).longValueExact()).isEqualTo(offsets[i]);
            assertThat(Long.parseLong(row.get("num_prefill_tokens"))).isEqualTo(prompts[i]);
            assertThat(Long.parseLong(row.get("num_decode_tokens"))).isEqualTo(outputs[i]);
        }
        // and back through aiosim JSONL to Vidur: the same bytes
        Path a = tmp.resolve("via.jsonl");
        Path v2 = tmp.resolve("via.vidur.csv");
        assertThat(Cli.run("trace", "convert", slice.toString(), "--to", "aiosim", "--out", a.toString()).code()).isZero();
        assertThat(Cli.run("trace", "convert", a.toString(), "--to", "vidur", "--out", v2.toString()).code()).isZero();
        assertThat(Files.readAllBytes(v2)).isEqualTo(Files.readAllBytes(v));
    }

    @Test
    void vidurRefusesSessionsNamingTheFirstMultiCallAgent() throws IOException {
        Path p = tmp.resolve("mixed.jsonl");
        Files.writeString(p, """
                {"aiosim_trace":1}
                {"pid":4,"arrival_ns":0,"syscalls":[{"llm":{"prompt":10,"output":2}}]}
                {"pid":9,"name":"chat-9","arrival_ns":5,"syscalls":[{"llm":{"prompt":10,"output":2}},{"tool":{"latency_ns":3}},{"llm":{"prompt":20,"output":2}}]}
                {"pid":11,"arrival_ns":6,"syscalls":[{"llm":{"prompt":10,"output":2}},{"llm":{"prompt":20,"output":2}}]}
                """);
        Path v = tmp.resolve("mixed.vidur.csv");
        Cli r = Cli.run("trace", "convert", p.toString(), "--to", "vidur", "--out", v.toString());
        assertThat(r.code()).isEqualTo(ErrorHandler.USER_ERROR);
        assertThat(r.err()).startsWith("aiosim: ").contains("Vidur CSV can't express closed-loop sessions")
                .contains("agent 9 (chat-9) issues 3 syscalls, 2 of them LLM calls").doesNotContain("at dev.aiosim");
        assertThat(v).doesNotExist();
    }

    @Test
    void generateIsDeterministicAndReadable() throws IOException {
        Path a = tmp.resolve("g1.csv");
        Path b = tmp.resolve("g2.csv");
        Path c = tmp.resolve("g3.csv");
        assertThat(Cli.run("trace", "generate", "--rows", "500", "--out", a.toString(), "--seed", "3").code()).isZero();
        assertThat(Cli.run("trace", "generate", "--rows", "500", "--out", b.toString(), "--seed", "3").code()).isZero();
        assertThat(Cli.run("trace", "generate", "--rows", "500", "--out", c.toString(), "--seed", "4").code()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isNotEqualTo(Files.readAllBytes(c));
        List<TraceAgent> agents = agents(a);
        assertThat(agents).hasSize(500);
        // Poisson at 5.38/s: 499 gaps have mean 1/5.38 s; allow 6 standard errors
        double meanGap = agents.get(499).arrivalNanos() / 1e9 / 499;
        assertThat(meanGap).isCloseTo(1 / 5.38, within(6 / 5.38 / Math.sqrt(499)));
        Cli r = Cli.run("trace", "inspect", a.toString());
        assertThat(field(r.out(), "agents")).isEqualTo("500");
    }

    @Test
    void userErrorsExitWithTwoAndOneLine() throws IOException {
        Cli missing = Cli.run("trace", "inspect", tmp.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("aiosim: " + tmp.resolve("nope.csv") + ": no such file");
        Cli format = Cli.run("trace", "inspect", slice.toString(), "--format", "parquet");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("--format: unknown trace format 'parquet', expected one of azure-2023");
        Path bad = tmp.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(slice));
        lines.set(3, lines.get(3).replaceFirst(",[0-9]+,", ",lots,"));
        Files.write(bad, lines);
        Cli fail = Cli.run("trace", "inspect", bad.toString());
        assertThat(fail.code()).isEqualTo(2);
        assertThat(fail.err().strip()).isEqualTo("aiosim: " + bad + ":4: ContextTokens: expected an integer >= 1, got 'lots'");
        Cli skip = Cli.run("trace", "inspect", bad.toString(), "--on-bad-row", "skip");
        assertThat(skip.code()).as(skip.err()).isZero();
        assertThat(field(skip.out(), "skipped rows")).isEqualTo("1");
        assertThat(field(skip.out(), "agents")).isEqualTo("39");
        Cli mode = Cli.run("trace", "inspect", bad.toString(), "--on-bad-row", "drop");
        assertThat(mode.code()).isEqualTo(2);
        assertThat(mode.err()).contains("expected one of fail, skip, got 'drop'");
        Path out = tmp.resolve("never.jsonl");
        Cli conv = Cli.run("trace", "convert", bad.toString(), "--to", "aiosim", "--out", out.toString());
        assertThat(conv.code()).isEqualTo(2);
        assertThat(out).doesNotExist();
        assertThat(Cli.run("trace", "convert", slice.toString(), "--to", "parquet", "--out", out.toString()).code()).isEqualTo(2);
    }

    @Test
    void help() {
        for (String cmd : List.of("inspect", "convert", "generate")) {
            Cli r = Cli.run("trace", cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).contains("Usage: aiosim trace " + cmd);
        }
        assertThat(Cli.run("trace").out()).contains("inspect").contains("convert").contains("generate");
    }
}
