package dev.aiosim.workloads.trace.vidur;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.TraceAsserts;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vidur has no copy in the shared traces: {@code vidur/vidur-sample.csv} is a crafted file in
 * the layout Vidur's trace-replay generator reads (microsoft/vidur), with a pandas index column
 * and an extra {@code num_total_tokens} column, both ignored.
 */
class VidurParserTest {
    static final String HEADER = ",arrived_at,num_prefill_tokens,num_decode_tokens\n";

    @TempDir
    Path dir;

    @Test
    void readsTheSampleWithExactTotals() throws IOException {
        Path file = TraceAsserts.resource("vidur/vidur-sample.csv");
        long rows = 0;
        long prefill = 0;
        long decode = 0;
        List<Long> times = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows++;
            times.add(new BigDecimal(f[1]).movePointRight(9).longValueExact());
            prefill += Long.parseLong(f[2]);
            decode += Long.parseLong(f[3]);
        }
        long p = 0;
        long d = 0;
        try (AgentSource s = Workloads.replay(file, null, false)) {
            List<AgentArrival> all = Drive.all(s);
            for (AgentArrival a : all) {
                List<Syscall> calls = Drive.run(a.agent().program());
                assertThat(calls).hasSize(1);
                p += ((LlmCall) calls.get(0)).promptTokens();
                d += ((LlmCall) calls.get(0)).outputTokens();
            }
            assertThat(all).hasSize((int) rows).hasSize(30);
            assertThat(all).extracting(AgentArrival::time).isEqualTo(times);
            assertThat(all).extracting(a -> a.agent().pid()).isEqualTo(LongStream.range(0, rows).boxed().toList());
            assertThat(s.skippedRows()).isZero();
        }
        assertThat(p).isEqualTo(prefill);
        assertThat(d).isEqualTo(decode);
    }

    @Test
    void columnsInAnyOrderWithoutIndex() throws IOException {
        Path f = TraceAsserts.write(dir, "t.csv", "num_decode_tokens,arrived_at,num_prefill_tokens\n7,0.5,9\n8,1e0,10\n");
        List<AgentArrival> all = Drive.all(Workloads.replay(f, null, false));
        assertThat(all).extracting(AgentArrival::time).containsExactly(500_000_000L, 1_000_000_000L);
        assertThat(Drive.run(all.get(1).agent().program())).containsExactly(new LlmCall(10, 8));
    }

    static Stream<Arguments> badFiles() {
        String ok = "0,0.5,100,10\n";
        return Stream.of(
                Arguments.of(ok + "1,0.6,100\n", 3, "row", "expected 4 fields (,arrived_at,num_prefill_tokens,"
                        + "num_decode_tokens), got '1,0.6,100'"),
                Arguments.of(ok + "1,0.6,lots,10\n", 3, "num_prefill_tokens", "expected an integer >= 1, got 'lots'"),
                Arguments.of(ok + "1,0.6,-100,10\n", 3, "num_prefill_tokens", "got '-100'"),
                Arguments.of(ok + "1,0.6,100,0\n", 3, "num_decode_tokens",
                        "expected an integer >= 1 (a call generates at least one token), got '0'"),
                Arguments.of(ok + "1,0.6,100.0,10\n", 3, "num_prefill_tokens", "got '100.0'"),
                Arguments.of(ok + "1,-0.6,100,10\n", 3, "arrived_at", "expected a number of seconds >= 0, got '-0.6'"),
                Arguments.of(ok + "1,NaN,100,10\n", 3, "arrived_at", "got 'NaN'"),
                Arguments.of(ok + "1,0.4,100,10\n", 3, "arrived_at", "expected a time not before the previous row's 0.5, got '0.4'"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badRowsNameFileLineAndFieldAndAreCountedWhenSkipped(String rows, int line, String field, String detail)
            throws IOException {
        Path p = TraceAsserts.write(dir, "bad.csv", HEADER + rows);
        TraceAsserts.assertBadRow(p, "vidur", line, field, detail, 1);
    }

    @Test
    void emptyFileAndMissingHeaderAlwaysFail() throws IOException {
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "empty.csv", ""), "vidur", "header", "(the file is empty)");
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "nohead.csv", "arrived_at,num_prefill_tokens\n0,1\n"),
                "vidur", "header", "(missing num_decode_tokens), got 'arrived_at,num_prefill_tokens'");
    }
}
