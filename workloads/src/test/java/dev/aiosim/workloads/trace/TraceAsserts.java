package dev.aiosim.workloads.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.Drive;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helper: the bad-input contract every trace reader must keep. */
public final class TraceAsserts {
    private TraceAsserts() {}

    /** A test resource under {@code dev/aiosim/workloads/trace/}. */
    public static Path resource(String name) {
        URL url = TraceAsserts.class.getResource(name);
        assertThat(url).as("test resource " + name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /**
     * Under {@code fail} reading {@code file} stops with {@code file:line: field: ...} containing
     * {@code detail}; under {@code skip} it reads to the end and counts {@code skipped} bad rows.
     */
    public static void assertBadRow(Path file, String format, long line, String field, String detail, long skipped) {
        assertFails(file, format, OnBadRow.FAIL, line, field, detail);
        try (AgentSource s = TraceFormats.open(file, format, OnBadRow.SKIP)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(s.skippedRows()).as("rows skipped").isEqualTo(skipped);
            long prev = 0;
            for (AgentArrival a : all) {
                assertThat(a.time()).isGreaterThanOrEqualTo(prev);
                prev = a.time();
            }
        }
    }

    /** Reading {@code file} with {@code onBadRow} stops with {@code file:line: field: ...} containing {@code detail}. */
    public static void assertFails(Path file, String format, OnBadRow onBadRow, long line, String field, String detail) {
        assertThatThrownBy(() -> {
            try (AgentSource s = TraceFormats.open(file, format, onBadRow)) {
                Drive.all(s);
            }
        })
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(file + ":" + line + ": " + field + ": expected ")
                .hasMessageContaining(detail)
                .satisfies(e -> {
                    TraceFormatException t = (TraceFormatException) e;
                    assertThat(t.line()).isEqualTo(line);
                    assertThat(t.field()).isEqualTo(field);
                    assertThat(t.file()).isEqualTo(file.toString());
                });
    }

    /** Empty files and files without the format's header fail whatever the bad-row option. */
    public static void assertStructural(Path file, String format, String field, String detail) {
        assertFails(file, format, OnBadRow.FAIL, 1, field, detail);
        assertFails(file, format, OnBadRow.SKIP, 1, field, detail);
    }
}
