package dev.aiosim.cli.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Opens result CSV files: UTF-8, a header row, {@code \n} line ends, quoting only where needed. */
final class Csv {
    private Csv() {}

    static CSVPrinter open(Path file, String... header) {
        try {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\n").get();
            return new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), format);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + OutputFile.reason(e), e);
        }
    }
}
