package dev.aiosim.workloads.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesTest {
    @TempDir
    Path dir;

    @Test
    void numbersEveryLineAndHandsOutTheNonBlankOnes() throws IOException {
        Path p = dir.resolve("t.txt");
        Files.writeString(p, "\uFEFFhead\n\na\r\n  \t\nb\n\n");
        try (TextLines lines = new TextLines(p)) {
            assertThat(lines.nextRaw()).isEqualTo("head");
            assertThat(lines.next()).isEqualTo(new TextLines.Line(new Fields.At(p.toString(), 3), "a"));
            assertThat(lines.next()).isEqualTo(new TextLines.Line(new Fields.At(p.toString(), 5), "b"));
            assertThat(lines.next()).isNull();
            assertThat(lines.next()).isNull();
        }
    }

    @Test
    void aBlankFirstLineIsStillTheHeaderLine() throws IOException {
        Path p = dir.resolve("t.txt");
        Files.writeString(p, "\nx\n");
        try (TextLines lines = new TextLines(p)) {
            assertThat(lines.nextRaw()).isEmpty();
            assertThat(lines.next().at().line()).isEqualTo(2);
        }
    }
}
