package dev.aiosim.workloads.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.workloads.trace.TraceFiles;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one numeric column of a trace file, for the {@code empirical} distribution: CSV with a
 * header row (column by header name), or JSON lines, one object per line, column = a top-level
 * field (e.g. Mooncake's {@code input_length}). The form is detected from the content, not the
 * name: a file whose first non-blank character is <code>{</code> is JSON lines, any other is CSV
 * (either optionally gzip-compressed, named {@code .gz}). Values are rounded to integers; a value
 * that is not a number, that rounds below 1 (the values are token counts or rounds), or a row
 * without the field, fails with {@code file:line: column: ...}: nothing is clamped.
 * Exists so synthetic workloads can borrow real length distributions from public traces.
 */
public final class EmpiricalColumn {
    private EmpiricalColumn() {}

    /** Columns read by one workload, so that a file named by several distributions is read once per column. */
    public static final class Cache {
        private final Map<String, int[]> columns = new HashMap<>();

        /** The column's values, reading the file on first use. */
        public int[] get(Path file, String column) {
            String key = file.toAbsolutePath().normalize() + "\u0000" + column;
            int[] v = columns.get(key);
            if (v == null) {
                v = read(file, column);
                columns.put(key, v);
            }
            return v;
        }
    }

    /**
     * All values of {@code column} in {@code file}, in file order.
     *
     * @throws IllegalArgumentException when the file is missing or has no such column
     * @throws TraceFormatException for a value that is not a number
     */
    public static int[] read(Path file, String column) {
        return isJsonLines(file) ? readJsonLines(file, column) : readCsv(file, column);
    }

    /** True when the file's first non-blank character is an opening brace. */
    static boolean isJsonLines(Path file) {
        try (BufferedReader reader = TraceFiles.reader(file)) {
            for (int c = reader.read(); c >= 0; c = reader.read()) {
                if (!Character.isWhitespace(c)) {
                    return c == '{';
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] readCsv(Path file, String column) {
        try (BufferedReader reader = TraceFiles.reader(file);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(reader)) {
            Iterator<CSVRecord> rows = parser.iterator();
            if (!rows.hasNext()) {
                throw new TraceFormatException(file.toString(), 1, "header", "a header row naming column '" + column
                        + "' (the file is empty)", "");
            }
            CSVRecord header = rows.next();
            int col = -1;
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().equals(column)) {
                    col = i;
                }
            }
            if (col < 0) {
                throw new IllegalArgumentException("column '" + column + "' is not in " + file + ", whose header is "
                        + String.join(",", header.values()));
            }
            Ints out = new Ints();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!rows.hasNext()) {
                    break;
                }
                CSVRecord r = rows.next();
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue;
                }
                String text = col < r.size() ? r.get(col).trim() : "";
                out.add(parse(file, line, column, text));
            }
            return out.toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] readJsonLines(Path file, String column) {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader reader = TraceFiles.reader(file)) {
            Ints out = new Ints();
            long line = 0;
            for (String s = reader.readLine(); s != null; s = reader.readLine()) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(s);
                } catch (IOException e) {
                    throw new TraceFormatException(file.toString(), line, "row", "a JSON object", abbreviate(s));
                }
                if (node == null || !node.isObject()) {
                    throw new TraceFormatException(file.toString(), line, "row", "a JSON object", abbreviate(s));
                }
                JsonNode v = node.get(column);
                if (v == null) {
                    throw new TraceFormatException(file.toString(), line, column, "a number (the field is missing)",
                            abbreviate(s));
                }
                if (!v.isNumber()) {
                    throw new TraceFormatException(file.toString(), line, column, "a number", abbreviate(v.isTextual() ? v.textValue() : v.toString()));
                }
                out.add(parse(file, line, column, v.asText()));
            }
            return out.toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int parse(Path file, long line, String column, String text) {
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!(Math.abs(d) <= Integer.MAX_VALUE)) {
            throw new TraceFormatException(file.toString(), line, column, "a number", text);
        }
        int v = (int) Math.round(d);
        if (v < 1) {
            throw new TraceFormatException(file.toString(), line, column,
                    "a whole number >= 1 (empirical values are token counts or rounds)", text);
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A growable int array. */
    private static final class Ints {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
