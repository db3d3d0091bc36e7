package dev.aiosim.workloads.trace;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening trace files the same way for every format: UTF-8, gzip when named {@code *.gz}, no BOM. */
public final class TraceFiles {
    private TraceFiles() {}

    /**
     * A reader positioned at the first character after an optional UTF-8 byte-order mark.
     *
     * @throws TraceFileException when the path is not a regular file or not the gzip its name says
     * @throws UncheckedIOException on other read errors
     */
    public static BufferedReader reader(Path file) {
        checkReadable(file);
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                try {
                    in = new Gunzip(file, new GZIPInputStream(in, 1 << 16));
                } catch (ZipException | EOFException e) {
                    in.close();
                    throw new TraceFileException(file + ": not gzip data, though the name ends in .gz ("
                            + e.getMessage() + "); rename the file or compress it with gzip");
                }
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

    /**
     * Checks that a path is a regular file: a missing path, a folder, a device or a pipe is a
     * {@link TraceFileException} saying which (traces are read more than once, for detection and
     * for replay, so a pipe cannot work, and a device such as {@code /dev/zero} never ends).
     */
    public static void checkReadable(Path file) {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new TraceFileException(file + ": is a folder; expected a trace file");
        }
        if (!Files.exists(file)) {
            throw new TraceFileException(file + ": no such file");
        }
        throw new TraceFileException(file + ": is " + kind(file) + ", not a regular file; expected a trace file"
                + " (a trace is read more than once, so give it as a file)");
    }

    private static String kind(Path file) {
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            return switch (type) {
                case 0010000 -> "a named pipe";
                case 0020000, 0060000 -> "a device";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a regular file";
        }
    }

    /** Gzip data whose damage (a truncated file, a bad block) is a one-line user error naming the file. */
    private static final class Gunzip extends FilterInputStream {
        private final Path file;

        Gunzip(Path file, InputStream in) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw damaged(e);
            }
        }

        private TraceFileException damaged(IOException e) {
            return new TraceFileException(file + ": the gzip data is damaged or ends early (" + e.getMessage()
                    + "); is the file truncated?");
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
