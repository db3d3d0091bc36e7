package dev.aiosim.workloads.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening trace files the same way for every format: UTF-8, gzip when named {@code *.gz}, no BOM. */
public final class TraceFiles {
    private TraceFiles() {}

    /**
     * A reader positioned at the first character after an optional UTF-8 byte-order mark.
     *
     * @throws IllegalArgumentException when the file does not exist
     * @throws UncheckedIOException on other read errors
     */
    public static BufferedReader reader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("trace file not found: " + file);
        }
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset();
            }
            return r;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("trace file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first line of a file (without BOM and terminator), or null when the file is empty. */
    public static String firstLine(Path file) {
        try (BufferedReader r = reader(file)) {
            return r.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
