package dev.aiosim.cli.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Reads a results folder's {@code .hlog} file back: its tagged interval histograms
 * ({@code <policy>/<seed>}) added up per policy, i.e. the distribution over every seed's calls.
 */
final class HistogramLogs {
    private HistogramLogs() {}

    /** Per policy (in file order), its seeds' histograms added up; empty if there is no such file. */
    static Map<String, Histogram> byPolicy(Path file) throws IOException {
        Map<String, Histogram> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try {
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                if (!(e instanceof Histogram h) || h.getTag() == null) {
                    continue; // the untagged histogram pools every run of the file
                }
                String tag = h.getTag() == null ? "" : h.getTag();
                int slash = tag.lastIndexOf('/');
                String policy = slash < 0 ? tag : tag.substring(0, slash);
                out.computeIfAbsent(policy, k -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h);
            }
        } catch (RuntimeException ex) {
            throw new UncheckedIOException(new IOException(file + ": not a readable HdrHistogram log (" + ex.getMessage() + ")", ex));
        } finally {
            reader.close();
        }
        return out;
    }
}
