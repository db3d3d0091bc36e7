package dev.aiosim.cli.html;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A result CSV file read whole by column name, as the report needs it (summaries are small; the
 * timeline is read once per report). Missing cells read as empty text, missing numbers as NaN.
 *
 * @param header the column names in file order
 * @param rows one map per data row, column name to cell
 */
record CsvTable(List<String> header, List<Map<String, String>> rows) {
    static final CsvTable EMPTY = new CsvTable(List.of(), List.of());

    /** The file's table, or {@link #EMPTY} if there is no such file. */
    static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(in, format)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : p) {
                rows.add(r.toMap());
            }
            return new CsvTable(List.copyOf(p.getHeaderNames()), Collections.unmodifiableList(rows));
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The distinct values of a column, in order of first appearance. */
    List<String> distinct(String column) {
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(r.getOrDefault(column, "")));
        return List.copyOf(seen);
    }

    /** A cell as a number: NaN when empty or not a number. */
    static double number(Map<String, String> row, String column) {
        String s = row.get(column);
        if (s == null || s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
