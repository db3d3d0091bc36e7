package dev.aiosim.workloads.trace.vidur;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VidurCsvWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"0,0", "1000000000,1", "1500000000,1.5", "12000000100,12.0000001", "1,0.000000001", "999999999,0.999999999"})
    void secondsAreExactWithoutTrailingZeros(long nanos, String text) {
        assertThat(VidurCsvWriter.seconds(nanos)).isEqualTo(text);
    }

    /** What the writer writes, the Vidur parser reads back: same arrivals to the nanosecond, same tokens. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void writtenRowsReadBackTheSame(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        List<TraceAgent> agents = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 50; i++) {
            t += r.nextLong(3_000_000_000L);
            LlmCall call = new LlmCall(1 + r.nextInt(4000), 1 + r.nextInt(500));
            agents.add(new TraceAgent(i, "req-" + i, t, 0, 1.0, "default", List.<Syscall>of(call)));
        }
        Path file = dir.resolve("v.csv");
        try (VidurCsvWriter w = new VidurCsvWriter(file)) {
            agents.forEach(w::write);
        }
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(VidurCsvWriter.HEADER);
        List<AgentArrival> back;
        try (AgentSource s = new VidurFormat().open(file, OnBadRow.FAIL)) {
            back = Drive.all(s);
        }
        assertThat(back).hasSize(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            assertThat(back.get(i).time()).isEqualTo(agents.get(i).arrivalNanos());
            assertThat(Drive.run(back.get(i).agent().program())).isEqualTo(agents.get(i).syscalls());
        }
    }

    @Test
    void aSessionIsRefusedWithWhatToDoInstead() {
        TraceAgent session = new TraceAgent(7, "session-x", 0, 0, 1.0, "default",
                List.of(new LlmCall(10, 5), new ToolCall("tool", 1_000), new LlmCall(20, 5)));
        try (VidurCsvWriter w = new VidurCsvWriter(dir.resolve("s.csv"))) {
            assertThatThrownBy(() -> w.write(session)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("agent 7 (session-x) issues 3 syscalls, 2 of them LLM calls")
                    .hasMessageContaining("--to aiosim");
        }
    }
}
