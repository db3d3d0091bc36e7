package dev.aiosim.cli.results;

import dev.aiosim.kernel.metrics.RunMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * HdrHistogram logs, one file per distribution ({@code queueing.hlog}, {@code ttft.hlog},
 * {@code tbt.hlog}, {@code e2e.hlog}, {@code turnaround.hlog}), one tagged interval histogram per
 * run (tag {@code <policy>/<seed>}, interval 0 to the run's makespan in virtual seconds), and,
 * when the folder is closed, one untagged histogram pooling every run of the file (interval 0 to
 * the longest makespan): tools that read only untagged histograms, such as HdrHistogram's own
 * {@code HistogramLogProcessor} without {@code -tag}, then read the folder as a whole.
 * Values are microseconds; the max column is in seconds. No wall-clock time is written.
 */
final class HistogramLogs implements AutoCloseable {
    private static final Map<String, Function<RunMetrics, Histogram>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("queueing", RunMetrics::queueing);
        KINDS.put("ttft", RunMetrics::ttft);
        KINDS.put("tbt", RunMetrics::tbt);
        KINDS.put("e2e", RunMetrics::e2e);
        KINDS.put("turnaround", RunMetrics::turnaround);
    }

    private final Map<String, PrintStream> streams = new LinkedHashMap<>();
    private final Map<String, HistogramLogWriter> writers = new LinkedHashMap<>();
    /** Per log, every run appended so far added up; null until the first run. */
    private final Map<String, Histogram> pooled = new LinkedHashMap<>();
    /** The longest run's interval end, in seconds. */
    private double pooledEnd;

    HistogramLogs(Path dir) {
        for (String kind : KINDS.keySet()) {
            try {
                PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(kind + ".hlog")), false, StandardCharsets.US_ASCII);
                HistogramLogWriter w = new HistogramLogWriter(out);
                w.outputComment("aiosim " + kind + " distributions, values in microseconds of virtual time; one tagged histogram per"
                        + " policy/seed, then an untagged one pooling them all");
                w.outputLogFormatVersion();
                w.outputBaseTime(0);
                w.outputLegend();
                streams.put(kind, out);
                writers.put(kind, w);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + kind + ".hlog of the results: " + OutputFile.reason(e), e);
            }
        }
    }

    void record(String label, long seed, RunMetrics m) {
        append(render(label, seed, m));
    }

    /** One run's interval histogram per log, as the text {@link #append} writes, in the order of the files. */
    static List<String> render(String label, long seed, RunMetrics m) {
        double end = m.makespanNanos() / 1e9;
        List<String> texts = new ArrayList<>();
        for (Map.Entry<String, Function<RunMetrics, Histogram>> e : KINDS.entrySet()) {
            Histogram h = e.getValue().apply(m).copy();
            h.setTag(label + "/" + seed);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, false, StandardCharsets.US_ASCII);
            new HistogramLogWriter(out).outputIntervalHistogram(0, end, h, 1e6);
            out.flush();
            texts.add(bytes.toString(StandardCharsets.US_ASCII));
        }
        return texts;
    }

    /** Appends one run's texts from {@link #render}. */
    void append(List<String> texts) {
        int i = 0;
        for (Map.Entry<String, PrintStream> e : streams.entrySet()) {
            String text = texts.get(i++);
            e.getValue().print(text);
            pool(e.getKey(), text);
        }
        flush();
    }

    private void pool(String kind, String text) {
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) e;
            pooled.computeIfAbsent(kind, k -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h);
            pooledEnd = Math.max(pooledEnd, h.getEndTimeStamp() / 1e3);
        }
    }

    /** Flushes every log; a PrintStream hides write errors (a full disk), so they are checked here. */
    void flush() {
        for (Map.Entry<String, PrintStream> e : streams.entrySet()) {
            if (e.getValue().checkError()) {
                throw new UncheckedIOException("cannot write " + e.getKey() + ".hlog: the write failed (is the disk full?)",
                        new IOException("PrintStream error"));
            }
        }
    }

    @Override
    public void close() {
        for (Map.Entry<String, Histogram> e : pooled.entrySet()) {
            writers.get(e.getKey()).outputIntervalHistogram(0, pooledEnd, e.getValue(), 1e6);
        }
        flush();
        streams.values().forEach(PrintStream::close);
    }
}
