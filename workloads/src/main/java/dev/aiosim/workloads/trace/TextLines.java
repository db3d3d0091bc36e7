package dev.aiosim.workloads.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A line-per-row trace read one line at a time: every line is numbered, blank lines are skipped,
 * and each other line is handed out with where it is. Exists so that the line-based readers (JSON
 * lines, the aiosim trace) count lines and skip blanks the same way.
 */
public final class TextLines implements RowSource.Rows<TextLines.Line> {
    private final String file;
    private final BufferedReader reader;
    private long lineNo;

    /** One non-blank line and where it is. */
    public record Line(Fields.At at, String text) {}

    /** @throws IllegalArgumentException when the file does not exist */
    public TextLines(Path path) {
        this.file = path.toString();
        this.reader = TraceFiles.reader(path);
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /**
     * The next line as it is, blank or not (a header), counted like any other; null at the end.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public String nextRaw() {
        try {
            String text = reader.readLine();
            if (text != null) {
                lineNo++;
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next non-blank line, or null at the end. */
    @Override
    public Line next() {
        String text;
        do {
            text = nextRaw();
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        return new Line(new Fields.At(file, lineNo), text);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
