package dev.aiosim.cli.results;

import dev.aiosim.kernel.metrics.MetricsSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Where a run that does not stream into the folder's files writes its call, agent and timeline
 * rows while it runs (a run among parallel ones, or one on a remote worker): the same rows
 * {@link RowSink} writes, without header, into temporary files or memory, to be appended to
 * {@code calls.csv}, {@code agents.csv} and {@code timeline.csv} when the runs before it are in
 * place.
 */
public final class RowBuffer implements AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final CSVPrinter calls;
    private final CSVPrinter agents;
    private final CSVPrinter timeline;
    private final RowSink sink;
    private final Path[] files;
    private final ByteArrayOutputStream[] bytes;
    private boolean finished;

    private RowBuffer(Writer[] writers, String policy, long seed, Path[] files, ByteArrayOutputStream[] bytes) {
        try {
            this.calls = new CSVPrinter(writers[0], FORMAT);
            this.agents = new CSVPrinter(writers[1], FORMAT);
            this.timeline = new CSVPrinter(writers[2], FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sink = new RowSink(this.calls, this.agents, () -> this.timeline, policy, seed);
        this.files = files;
        this.bytes = bytes;
    }

    /** Rows in three temporary files of {@code dir} (named {@code .aiosim-...}, which a later {@code --out} there removes). */
    public static RowBuffer inFolder(Path dir, String policy, long seed) {
        String stem = ".aiosim-rows-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path[] files = {dir.resolve(stem + "-calls.csv"), dir.resolve(stem + "-agents.csv"), dir.resolve(stem + "-timeline.csv")};
        Writer[] writers = new Writer[files.length];
        try {
            for (int i = 0; i < files.length; i++) {
                writers[i] = Files.newBufferedWriter(files[i], StandardCharsets.UTF_8);
            }
            return new RowBuffer(writers, policy, seed, files, null);
        } catch (IOException e) {
            for (Writer w : writers) {
                closeQuietly(w);
            }
            new RunRows.InFiles(files[0].toString(), files[1].toString(), files[2].toString()).discard();
            throw new UncheckedIOException("cannot write results in " + dir + ": " + OutputFile.reason(e), e);
        }
    }

    /** Rows in memory (a run on a remote worker, whose rows travel back). */
    public static RowBuffer inMemory(String policy, long seed) {
        ByteArrayOutputStream[] bytes = {new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        Writer[] writers = new Writer[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            writers[i] = new OutputStreamWriter(bytes[i], StandardCharsets.UTF_8);
        }
        return new RowBuffer(writers, policy, seed, null, bytes);
    }

    /** Where the run's rows go. */
    public MetricsSink sink() {
        return sink;
    }

    /** Ends the writing; the rows, to append later. */
    public RunRows finish() {
        close();
        return files != null ? inFiles()
                : new RunRows.InBytes(bytes[0].toByteArray(), bytes[1].toByteArray(), bytes[2].toByteArray());
    }

    /** Ends the writing and drops the rows (a failed run). */
    public void discard() {
        try {
            close();
        } catch (UncheckedIOException e) {
            // dropping anyway
        }
        if (files != null) {
            inFiles().discard();
        }
    }

    private RunRows.InFiles inFiles() {
        return new RunRows.InFiles(files[0].toString(), files[1].toString(), files[2].toString());
    }

    private static void closeQuietly(Writer w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                // the file is removed next
            }
        }
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try (calls; agents; timeline) {
            // closes all three
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rows of a run: " + OutputFile.reason(e), e);
        }
    }
}
