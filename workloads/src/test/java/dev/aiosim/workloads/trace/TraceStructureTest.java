package dev.aiosim.workloads.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breaks of a trace's structure that skipping rows cannot repair stop the run even with
 * {@code --on-bad-row skip}, and paths that are not trace files are refused by what they are.
 */
class TraceStructureTest {
    private static final String AZURE = "TIMESTAMP,ContextTokens,GeneratedTokens\n";
    private static final String TRACELAB = "session_id,arrival_time,round_idx,prefix_len,input_len,output_len,tool_wait_after_ms\n";

    @TempDir
    Path dir;

    private static List<String> names(AgentSource s) {
        List<String> out = new ArrayList<>();
        for (AgentArrival a = s.next(); a != null; a = s.next()) {
            out.add(a.agent().name());
        }
        return out;
    }

    @Test
    void oneLateRowIsSkippedButARowDatedAheadOfTheRestIsNamed() throws IOException {
        Path late = dir.resolve("late.csv");
        Files.writeString(late, AZURE + "2023-11-16 18:15:46.0,10,5\n2023-11-16 18:15:48.0,10,5\n"
                + "2023-11-16 18:15:47.0,10,5\n2023-11-16 18:15:49.0,10,5\n");
        AgentSource s = TraceFormats.open(late, null, OnBadRow.SKIP);
        assertThat(names(s)).containsExactly("req-0", "req-1", "req-3");
        assertThat(s.skippedRows()).isEqualTo(1);

        Path ahead = dir.resolve("ahead.csv");
        Files.writeString(ahead, AZURE + "2023-11-16 18:15:46.0,10,5\n2030-11-16 18:15:46.0,10,5\n"
                + "2023-11-16 18:15:47.0,10,5\n2023-11-16 18:15:48.0,10,5\n2023-11-16 18:15:49.0,10,5\n");
        AgentSource t = TraceFormats.open(ahead, null, OnBadRow.SKIP);
        assertThatThrownBy(() -> names(t)).isInstanceOf(TraceFormatException.class)
                .hasMessage(ahead + ":5: TIMESTAMP: expected a time not before line 3's 2030-11-16 18:15:46.0 (2 rows in a row"
                        + " go back before it, so line 3 is probably dated ahead of the rows after it), got"
                        + " '2023-11-16 18:15:48.0'; skipping rows cannot repair this, fix the file");
    }

    @Test
    void aTraceLabSessionThatRestartsOrHasADamagedIdStopsTheRunInsteadOfReplayingPartOfIt() throws IOException {
        Path split = dir.resolve("split.csv");
        Files.writeString(split, TRACELAB + "0,0,0,0,512,64,100\n1,200,0,0,400,48,80\n0,0,1,576,128,64,100\n2,300,0,0,400,48,80\n");
        AgentSource s = TraceFormats.open(split, null, OnBadRow.SKIP);
        assertThatThrownBy(() -> names(s)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(split + ":4: round_idx: expected 0 (the first row of session 0;")
                .hasMessageEndingWith("skipping rows cannot repair this, fix the file");

        Path damagedId = dir.resolve("id.csv");
        Files.writeString(damagedId, TRACELAB + "0,0,0,0,512,64,100\nx,0,1,576,128,64,100\n0,0,2,768,128,64,0\n");
        assertThatThrownBy(() -> names(TraceFormats.open(damagedId, null, OnBadRow.SKIP)))
                .hasMessageStartingWith(damagedId + ":3: round_idx: expected 0 (the first row of session x;");

        // a bad row inside a contiguous session still drops that session whole, and only it
        Path hole = dir.resolve("hole.csv");
        Files.writeString(hole, TRACELAB + "0,0,0,0,512,64,100\n0,0,1,576,128,x,100\n0,0,2,768,128,64,0\n1,200,0,0,400,48,80\n");
        AgentSource h = TraceFormats.open(hole, null, OnBadRow.SKIP);
        assertThat(names(h)).containsExactly("session-1");
        assertThat(h.skippedRows()).isEqualTo(3);
    }

    @Test
    void pathsThatAreNotTraceFilesAreRefusedByWhatTheyAre() throws Exception {
        assertThatThrownBy(() -> TraceFiles.checkReadable(dir)).isInstanceOf(TraceFileException.class)
                .hasMessage(dir + ": is a folder; expected a trace file");
        assertThatThrownBy(() -> TraceFiles.checkReadable(dir.resolve("none.csv"))).hasMessage(dir.resolve("none.csv") + ": no such file");
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            assertThatThrownBy(() -> TraceFiles.checkReadable(devNull)).hasMessageStartingWith("/dev/null: is a device, not a regular file");
        }
        Path fifo = dir.resolve("pipe.csv");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertThatThrownBy(() -> TraceFormats.open(fifo, null, OnBadRow.FAIL)).isInstanceOf(TraceFileException.class)
                    .hasMessageStartingWith(fifo + ": is a named pipe, not a regular file");
        }
    }

    @Test
    void fakeOrTruncatedGzipIsNamedAsSuch() throws IOException {
        Path fake = dir.resolve("fake.csv.gz");
        Files.writeString(fake, AZURE + "2023-11-16 18:15:46.0,10,5\n");
        assertThatThrownBy(() -> TraceFormats.open(fake, null, OnBadRow.FAIL)).isInstanceOf(TraceFileException.class)
                .hasMessageStartingWith(fake + ": not gzip data, though the name ends in .gz");

        StringBuilder rows = new StringBuilder(AZURE);
        for (int i = 0; i < 5_000; i++) {
            rows.append("2023-11-16 18:15:46.").append(String.format("%07d", i)).append(",").append(100 + i).append(",5\n");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        AgentSource s = TraceFormats.open(cut, null, OnBadRow.SKIP);
        assertThatThrownBy(() -> names(s)).isInstanceOf(TraceFileException.class)
                .hasMessageStartingWith(cut + ": the gzip data is damaged or ends early");
    }
}
