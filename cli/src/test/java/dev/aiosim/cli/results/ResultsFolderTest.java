package dev.aiosim.cli.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.cli.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a run may write into, and that only aiosim's own files are ever removed. */
class ResultsFolderTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyPathOrAFileIsRefused() throws IOException {
        assertThatThrownBy(() -> ResultsFolder.create(Path.of(""))).isInstanceOf(SpecException.class)
                .hasMessage("--out: expected a folder path, got ''");
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        assertThatThrownBy(() -> ResultsFolder.create(file)).hasMessage("--out " + file + ": exists and is not a folder");
        assertThat(file).hasContent("x");
    }

    @Test
    void aFolderOfSomethingElseIsRefusedUnlessOverwriteWhichKeepsItsOtherFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        Files.writeString(dir.resolve("summary.csv"), "my own table");
        assertThatThrownBy(() -> ResultsFolder.create(dir)).isInstanceOf(SpecException.class)
                .hasMessageContaining("the folder is not empty and holds no aiosim results").hasMessageContaining("--overwrite");
        assertThat(dir.resolve("summary.csv")).hasContent("my own table");
        ResultsFolder.create(dir, true).close();
        assertThat(dir.resolve("notes.txt")).hasContent("keep me");
        assertThat(Files.readString(dir.resolve("summary.csv"))).startsWith("policy,clairvoyant,seed,");
    }

    @Test
    void anEarlierResultIsReusedWithoutItsStaleFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("earlier"));
        Files.writeString(dir.resolve("run.json"), "{\n  \"aiosim_version\" : \"0.1.0\"\n}");
        Files.writeString(dir.resolve("compare.csv"), "old");
        Files.writeString(dir.resolve("paired.csv"), "old");
        Files.writeString(dir.resolve("trace-fifo-1.jsonl"), "old");
        Files.writeString(dir.resolve(".aiosim-12ab-run.json"), "half-written");
        Files.writeString(dir.resolve("README.txt"), "the user's");
        ResultsFolder.create(dir).close();
        assertThat(dir.resolve("compare.csv")).doesNotExist();
        assertThat(dir.resolve("paired.csv")).doesNotExist();
        assertThat(dir.resolve("trace-fifo-1.jsonl")).doesNotExist();
        assertThat(dir.resolve(".aiosim-12ab-run.json")).doesNotExist();
        assertThat(dir.resolve("run.json")).doesNotExist();
        assertThat(dir.resolve("README.txt")).hasContent("the user's");
    }

    @Test
    void aResultNameThatIsNotARegularFileIsNeverRemoved() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("odd"));
        Files.writeString(dir.resolve("run.json"), "{\"aiosim_version\":\"0.1.0\"}");
        Path target = Files.writeString(tmp.resolve("precious.csv"), "precious");
        Files.createSymbolicLink(dir.resolve("calls.csv"), target);
        assertThatThrownBy(() -> ResultsFolder.create(dir)).isInstanceOf(SpecException.class)
                .hasMessageContaining("calls.csv there is not a regular file");
        assertThat(target).hasContent("precious");
        assertThat(dir.resolve("run.json")).exists();
        Files.delete(dir.resolve("calls.csv"));
        Files.createDirectories(dir.resolve("summary.csv"));
        assertThatThrownBy(() -> ResultsFolder.create(dir, true)).hasMessageContaining("summary.csv there is not a regular file");
        assertThat(dir.resolve("summary.csv")).isDirectory();
    }
}
