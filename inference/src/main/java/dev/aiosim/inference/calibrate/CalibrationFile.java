package dev.aiosim.inference.calibrate;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * A calibrated step-cost model on disk: a properties file with {@code kind = linear-step-cost}
 * and the five coefficients in nanoseconds ({@code fixed}, {@code per-prefill-token},
 * {@code per-prefill-pair}, {@code per-decode}, {@code per-decode-context}), with comment lines
 * saying where the figures came from and how well they fit.
 */
public final class CalibrationFile {
    static final String KIND = "linear-step-cost";
    /** The first line of every file {@link #write} writes. */
    static final String HEADER = "# aiosim calibrated step-cost model";

    private CalibrationFile() {}

    /** Writes {@code fit} to {@code file}, {@code source} (e.g. "djl tiny, 1 torch thread") in the header. */
    public static void write(Path file, StepCostFit.Result fit, String source) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(HEADER).append(" (docs/inference.md): t = fixed + per-prefill-token x prefill tokens\n")
                .append("#   + per-prefill-pair x prefill attention pairs + per-decode x decoding calls\n")
                .append("#   + per-decode-context x context tokens the decoding calls attend over; nanoseconds\n")
                .append("# measured on: ").append(source.replace('\n', ' ')).append('\n')
                .append(String.format(Locale.ROOT, "# fit: %d steps, R^2 %.5f, worst relative error %.1f%%%n", fit.samples(),
                        fit.r2(), fit.worst().isEmpty() ? 0.0 : 100 * Math.abs(fit.worst().get(0).relativeError())))
                .append("kind = ").append(KIND).append('\n');
        double[] c = fit.model().coefficients();
        for (int i = 0; i < c.length; i++) {
            b.append(LinearStepCost.TERMS[i]).append(" = ").append(c[i]).append('\n');
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(b.toString());
        }
    }

    /** Whether {@code file} is a regular file that {@link #write} wrote (its first line is the header). */
    public static boolean isCalibrationFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith(HEADER);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // unreadable or not UTF-8: not ours
        }
    }

    /** Reads a file written by {@link #write} (or by hand in the same format). */
    public static LinearStepCost read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String kind = p.getProperty("kind");
        if (!KIND.equals(kind == null ? null : kind.trim())) {
            throw new IllegalArgumentException(file + ": key 'kind': expected " + KIND + ", got '" + kind + "'");
        }
        double[] c = new double[LinearStepCost.TERMS.length];
        for (int i = 0; i < c.length; i++) {
            String key = LinearStepCost.TERMS[i];
            String v = p.getProperty(key);
            try {
                c[i] = Double.parseDouble(v == null ? "" : v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": key '" + key + "': expected a number >= 0 (ns), got '" + v + "'");
            }
            if (!(c[i] >= 0) || Double.isInfinite(c[i])) {
                throw new IllegalArgumentException(file + ": key '" + key + "': expected a number >= 0 (ns), got '" + v + "'");
            }
        }
        return LinearStepCost.of(c);
    }
}
