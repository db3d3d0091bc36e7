package dev.aiosim.workloads.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.workloads.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFormatsTest {
    @TempDir
    Path dir;

    @Test
    void findsFormatsByNameAndAlias() {
        assertThat(TraceFormats.byName("azure-2023")).get().extracting(TraceFormat::name).isEqualTo("azure-2023");
        assertThat(TraceFormats.byName("AZURE-2024")).get().extracting(TraceFormat::name).isEqualTo("azure-2023");
        assertThat(TraceFormats.byName("mooncake")).isEmpty();
        assertThat(TraceFormats.names()).contains("azure-2023");
    }

    @Test
    void detectsFromTheHeader() throws IOException {
        Path p = dir.resolve("x.csv");
        Files.writeString(p, "TIMESTAMP,ContextTokens,GeneratedTokens\n");
        assertThat(TraceFormats.detect(p).name()).isEqualTo("azure-2023");
    }

    @Test
    void unknownHeaderEmptyFileAndUnknownName() throws IOException {
        Path p = dir.resolve("x.csv");
        Files.writeString(p, "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> Workloads.replay(p, null, false))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(p + ":1: header: expected the first line of a known trace format: azure-2023")
                .hasMessageEndingWith("got 'a,b,c'");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Workloads.replay(empty, null, false))
                .hasMessageStartingWith(empty + ":1: header: expected a header line (the file is empty)");
        assertThatThrownBy(() -> Workloads.replay(p, "parquet", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown trace format 'parquet', expected one of azure-2023, aiosim");
        assertThatThrownBy(() -> Workloads.replay(dir.resolve("none.csv"), null, false))
                .hasMessageContaining("trace file not found");
    }

    @Test
    void onBadRowParses() {
        assertThat(OnBadRow.parse("Skip")).isEqualTo(OnBadRow.SKIP);
        assertThat(OnBadRow.parse("fail")).isEqualTo(OnBadRow.FAIL);
        assertThatThrownBy(() -> OnBadRow.parse("drop")).hasMessage("expected one of fail, skip, got 'drop'");
    }
}
