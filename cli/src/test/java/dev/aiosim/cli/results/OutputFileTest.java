package dev.aiosim.cli.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.cli.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole output file appears complete or not at all, and only regular files are replaced. */
class OutputFileTest {
    @TempDir
    Path tmp;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path out = Files.writeString(tmp.resolve("out.jsonl"), "old content");
        assertThatThrownBy(() -> OutputFile.write(out, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(out).hasContent("old content");
        assertThat(files()).isEqualTo(1);
        OutputFile.write(out, temp -> Files.writeString(temp, "new content"));
        assertThat(out).hasContent("new content");
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void theTemporaryFileKeepsTheSuffixSoGzipWritersCompress() throws IOException {
        Path out = tmp.resolve("t.jsonl.gz");
        String[] seen = new String[1];
        OutputFile.write(out, temp -> {
            seen[0] = temp.getFileName().toString();
            Files.writeString(temp, "x");
        });
        assertThat(seen[0]).startsWith(".aiosim-").endsWith("-t.jsonl.gz");
        assertThat(out).hasContent("x");
    }

    @Test
    void targetsThatAreNotRegularFilesAreRefused() throws IOException {
        assertThatThrownBy(() -> OutputFile.checkTarget(Path.of("/dev/null"), "--out /dev/null")).isInstanceOf(SpecException.class)
                .hasMessage("--out /dev/null: is not a regular file (a device, a pipe or a socket); aiosim replaces only regular files");
        assertThat(Path.of("/dev/null")).exists();
        assertThatThrownBy(() -> OutputFile.checkTarget(tmp, "--out " + tmp)).hasMessageEndingWith("is a folder; expected a file path");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), Files.writeString(tmp.resolve("real.csv"), "r"));
        assertThatThrownBy(() -> OutputFile.checkTarget(link, "--out link.csv")).hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> OutputFile.checkTarget(tmp.resolve("no/such/dir/x.csv"), "--out x")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> OutputFile.checkTarget(Path.of(""), "--out")).hasMessage("--out: expected a file path, got ''");
        OutputFile.checkTarget(tmp.resolve("new.csv"), "--out new.csv");
        OutputFile.checkTarget(tmp.resolve("real.csv"), "--out real.csv");
    }
}
