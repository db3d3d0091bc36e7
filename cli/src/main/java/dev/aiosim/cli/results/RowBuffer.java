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
 * Where a run that does not stream into the folder's files writes its call and agent rows while it
 * runs (a run among parallel ones, or one on a remote worker): the same rows {@link RowSink}
 * writes, without header, into temporary files or memory, to be appended to {@code calls.csv}
 * and {@code agents.csv} when the runs before it are in place.
 */
public final class RowBuffer implements AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final CSVPrinter calls;
    private final CSVPrinter agents;
    private final RowSink sink;
    private final Path callsFile;
    private final Path agentsFile;
    private final ByteArrayOutputStream callBytes;
    private final ByteArrayOutputStream agentBytes;
    private boolean finished;

    private RowBuffer(Writer calls, Writer agents, String policy, long seed, Path callsFile, Path agentsFile,
                      ByteArrayOutputStream callBytes, ByteArrayOutputStream agentBytes) {
        try {
            this.calls = new CSVPrinter(calls, FORMAT);
            this.agents = new CSVPrinter(agents, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sink = new RowSink(this.calls, this.agents, policy, seed);
        this.callsFile = callsFile;
        this.agentsFile = agentsFile;
        this.callBytes = callBytes;
        this.agentBytes = agentBytes;
    }

    /** Rows in two temporary files of {@code dir} (named {@code .aiosim-...}, which a later {@code --out} there removes). */
    public static RowBuffer inFolder(Path dir, String policy, long seed) {
        String stem = ".aiosim-rows-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path c = dir.resolve(stem + "-calls.csv");
        Path a = dir.resolve(stem + "-agents.csv");
        try {
            return new RowBuffer(Files.newBufferedWriter(c, StandardCharsets.UTF_8), Files.newBufferedWriter(a, StandardCharsets.UTF_8),
                    policy, seed, c, a, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results in " + dir + ": " + OutputFile.reason(e), e);
        }
    }

    /** Rows in memory (a run on a remote worker, whose rows travel back). */
    public static RowBuffer inMemory(String policy, long seed) {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        return new RowBuffer(new OutputStreamWriter(c, StandardCharsets.UTF_8), new OutputStreamWriter(a, StandardCharsets.UTF_8),
                policy, seed, null, null, c, a);
    }

    /** Where the run's rows go. */
    public MetricsSink sink() {
        return sink;
    }

    /** Ends the writing; the rows, to append later. */
    public RunRows finish() {
        close();
        return callsFile != null ? new RunRows.InFiles(callsFile.toString(), agentsFile.toString())
                : new RunRows.InBytes(callBytes.toByteArray(), agentBytes.toByteArray());
    }

    /** Ends the writing and drops the rows (a failed run). */
    public void discard() {
        try {
            close();
        } catch (UncheckedIOException e) {
            // dropping anyway
        }
        if (callsFile != null) {
            new RunRows.InFiles(callsFile.toString(), agentsFile.toString()).discard();
        }
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try (calls; agents) {
            // closes both
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rows of a run: " + OutputFile.reason(e), e);
        }
    }
}
