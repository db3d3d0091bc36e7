package dev.aiosim.workloads.trace.burstgpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.Workloads;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceAsserts;
import java.io.IOException;
import java.math.BigDecimal;
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
 * BurstGPT has no copy in the shared traces: {@code burstgpt/burstgpt-sample.csv} is a crafted
 * file in the column layout published by BurstGPT (HPMLL/BurstGPT), with fractional timestamps,
 * both models and log types, and four failed requests (0 response tokens).
 */
class BurstGptParserTest {
    static final String HEADER = "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type\n";
    static final String OK = "1,,3.1,ChatGPT,10,5,15,API log\n";

    @TempDir
    Path dir;

    @Test
    void readsTheSampleWithExactTotalsAndFiltersFailedRequests() throws IOException {
        Path file = TraceAsserts.resource("burstgpt/burstgpt-sample.csv");
        // independent count: plain line splitting
        long served = 0;
        long failed = 0;
        long request = 0;
        long response = 0;
        List<Long> times = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (Long.parseLong(f[5]) == 0) {
                failed++;
                continue;
            }
            served++;
            request += Long.parseLong(f[4]);
            response += Long.parseLong(f[5]);
            times.add(new BigDecimal(f[0]).movePointRight(9).longValueExact());
        }
        long req = 0;
        long resp = 0;
        try (AgentSource s = Workloads.replay(file, null, false)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(all).hasSize((int) served);
            for (AgentArrival a : all) {
                List<Syscall> calls = Drive.run(a.agent().program());
                assertThat(calls).hasSize(1);
                LlmCall c = (LlmCall) calls.get(0);
                req += c.promptTokens();
                resp += c.outputTokens();
            }
            assertThat(all).extracting(AgentArrival::time).isEqualTo(times);
            assertThat(s.filteredRows()).isEqualTo(failed).isEqualTo(4);
            assertThat(s.skippedRows()).isZero();
        }
        assertThat(req).isEqualTo(request);
        assertThat(resp).isEqualTo(response);
    }

    @Test
    void pidIsTheRowIndexAndFailedRowsMayHaveNoRequestTokens() throws IOException {
        Path p = TraceAsserts.write(dir, "t.csv", HEADER
                + "0.25,,1.0,ChatGPT,10,5,15,API log\n"
                + "1,7,0,GPT-4,0,0,0,Conversation log\n"
                + "\n"
                + "2.000000001,7,2.0,GPT-4,30,1,31,Conversation log\n");
        try (AgentSource s = Workloads.replay(p, "burstgpt", false)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(all).extracting(a -> a.agent().pid()).containsExactly(0L, 2L);
            assertThat(all).extracting(AgentArrival::time).containsExactly(250_000_000L, 2_000_000_001L);
            assertThat(Drive.run(all.get(1).agent().program())).containsExactly(new LlmCall(30, 1));
            assertThat(s.filteredRows()).isEqualTo(1);
        }
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of(OK + "2,,3.1,ChatGPT,10,5\n", 3, "row", "expected 8 fields (" + HEADER.strip()
                        + "), got '2,,3.1,ChatGPT,10,5'"),
                Arguments.of(OK + "2,,3.1,ChatGPT,ten,5,15,API log\n", 3, "Request tokens",
                        "expected an integer >= 1, got 'ten'"),
                Arguments.of(OK + "2,,3.1,ChatGPT,-10,5,15,API log\n", 3, "Request tokens", "got '-10'"),
                Arguments.of(OK + "2,,3.1,ChatGPT,0,5,5,API log\n", 3, "Request tokens", "expected an integer >= 1, got '0'"),
                Arguments.of(OK + "2,,3.1,ChatGPT,10,-1,9,API log\n", 3, "Response tokens",
                        "expected an integer >= 0, got '-1'"),
                Arguments.of(OK + "2,,3.1,ChatGPT,-3,0,0,API log\n", 3, "Request tokens", "expected an integer >= 0, got '-3'"),
                Arguments.of(OK + "x2,,3.1,ChatGPT,10,5,15,API log\n", 3, "Timestamp",
                        "expected a number of seconds >= 0, got 'x2'"),
                Arguments.of(OK + "-2,,3.1,ChatGPT,10,5,15,API log\n", 3, "Timestamp", "got '-2'"),
                Arguments.of(OK + "0.5,,3.1,ChatGPT,10,5,15,API log\n", 3, "Timestamp",
                        "expected a time not before the previous row's 1, got '0.5'"),
                Arguments.of(OK + "2,,3.1,ChatGPT,10,\"5,15,API log\n", 3, "row", "expected well-formed CSV"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badRowsNameFileLineAndFieldAndAreCountedWhenSkipped(String rows, int line, String field, String detail)
            throws IOException {
        Path p = TraceAsserts.write(dir, "bad.csv", HEADER + rows);
        if (field.equals("row") && detail.contains("well-formed")) {
            // an unclosed quote swallows the rest of the file: the parser cannot resynchronise
            TraceAsserts.assertFails(p, "burstgpt", OnBadRow.SKIP, line, field, detail);
            TraceAsserts.assertFails(p, "burstgpt", OnBadRow.FAIL, line, field, detail);
        } else {
            TraceAsserts.assertBadRow(p, "burstgpt", line, field, detail, 1);
        }
    }

    @Test
    void badRowsAreNotFilteredRows() throws IOException {
        Path p = TraceAsserts.write(dir, "mixed.csv", HEADER + OK
                + "2,,3.1,ChatGPT,10,0,10,API log\n"
                + "3,,3.1,ChatGPT,10,zero,10,API log\n"
                + "4,,3.1,ChatGPT,10,2,12,API log\n");
        try (AgentSource s = Workloads.replay(p, null, true)) {
            assertThat(Drive.all(s)).extracting(a -> a.agent().pid()).containsExactly(0L, 3L);
            assertThat(s.skippedRows()).isEqualTo(1);
            assertThat(s.filteredRows()).isEqualTo(1);
        }
    }

    @Test
    void emptyFileAndMissingHeaderAlwaysFail() throws IOException {
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "empty.csv", ""), "burstgpt", "header",
                "(the file is empty)");
        TraceAsserts.assertStructural(TraceAsserts.write(dir, "nohead.csv", OK), "burstgpt", "header",
                "expected the BurstGPT header with columns Timestamp,Request tokens,Response tokens (missing Timestamp), "
                        + "got '1,,3.1,ChatGPT,10,5,15,API log'");
    }
}
