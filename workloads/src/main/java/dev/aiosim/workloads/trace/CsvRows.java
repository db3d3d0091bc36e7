package dev.aiosim.workloads.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV trace read one record at a time (commons-csv): checks that the header names the columns
 * a format needs (in any order, case-insensitive, other columns allowed), skips blank lines, and
 * gives each record with its line number. Exists so that the CSV readers share one notion of
 * header, width and line.
 */
public final class CsvRows implements RowSource.Rows<CsvRows.Row> {
    private final String file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final String header;
    private final int width;
    private final Map<String, Integer> columns = new HashMap<>();

    /** One data record and where it is. */
    public record Row(Fields.At at, CSVRecord record) {
        /** The whole record as it was written (fields joined by commas), for messages. */
        public String text() {
            return String.join(",", record.values());
        }
    }

    /**
     * @param format the format's name for the header error, e.g. {@code the BurstGPT header}
     * @param required the columns the reader uses
     * @throws TraceFormatException when the file is empty or the first line lacks a required column
     * @throws IllegalArgumentException when the file does not exist
     */
    public CsvRows(Path path, String format, List<String> required) {
        this(path, required, missing -> format + " with columns " + String.join(",", required)
                + (missing == null ? " (the file is empty)" : " (missing " + missing + ")"));
    }

    /**
     * {@link #CsvRows(Path, String, List)} with the header error's expectation worded by the format.
     *
     * @param expected the expectation given the first missing column, or null when the file is empty
     */
    public CsvRows(Path path, List<String> required, UnaryOperator<String> expected) {
        this.file = path.toString();
        try {
            this.parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(TraceFiles.reader(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        this.records = parser.iterator();
        CSVRecord h;
        try {
            h = records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            close();
            throw new TraceFormatException(file, 1, "header", "well-formed CSV (" + rootMessage(e) + ")", "");
        }
        String got = h == null ? "" : String.join(",", h.values());
        if (h != null) {
            for (int i = 0; i < h.size(); i++) {
                columns.putIfAbsent(h.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
        }
        for (String c : required) {
            if (h == null || !columns.containsKey(c.toLowerCase(Locale.ROOT))) {
                close();
                throw new TraceFormatException(file, 1, "header", expected.apply(h == null ? null : c), got);
            }
        }
        this.header = got;
        this.width = h.size();
    }

    /** Whether a header line has every one of {@code required} as a column (case-insensitive, quotes ignored). */
    public static boolean hasColumns(String headerLine, List<String> required) {
        List<String> cols = List.of(headerLine.split(",", -1)).stream()
                .map(c -> c.trim().replace("\"", "").toLowerCase(Locale.ROOT)).toList();
        return required.stream().allMatch(c -> cols.contains(c.toLowerCase(Locale.ROOT)));
    }

    /** The index of a required column. */
    public int column(String name) {
        return columns.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The next non-blank record, or null at the end.
     *
     * @throws TraceFormatException when the text is not well-formed CSV (e.g. an unclosed quote):
     *     the parser cannot resynchronise, so this fails whatever the bad-row option
     */
    public Row next() {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord r;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                r = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new TraceFormatException(file, line, "row", "well-formed CSV (" + rootMessage(e) + ")", "");
            }
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            return new Row(new Fields.At(file, line), r);
        }
    }

    /** Throws the {@code row} error when a record does not have as many fields as the header. */
    public void checkWidth(Row row) {
        if (row.record().size() != width) {
            throw row.at().error("row", width + " fields (" + header + ")", row.text());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
