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
 * {@code per-prefill-pair}, {@code per-decode}, {@code per-decode-context}), optionally the
 * measured KV swap speed ({@code swap-bytes-per-sec}, see {@link SwapRate#bytesPerSec}), with
 * comment lines saying where the figures came from and how well they fit.
 */
public final class CalibrationFile {
    static final String KIND = "linear-step-cost";
    /** The optional key of the measured swap speed: bytes moved (out and in) per second. */
    public static final String SWAP_KEY = "swap-bytes-per-sec";
    /** The range {@link #SWAP_KEY} accepts: 1 KiB/s to 10 TB/s. */
    public static final double MIN_SWAP_BYTES_PER_SEC = 1024;
    /** See {@link #MIN_SWAP_BYTES_PER_SEC}. */
    public static final double MAX_SWAP_BYTES_PER_SEC = 1e13;

    /**
     * What a calibration file holds.
     *
     * @param model the step-cost model
     * @param swapBytesPerSec the measured swap speed, empty when the file has none (not measured)
     */
    public record Contents(LinearStepCost model, java.util.OptionalDouble swapBytesPerSec) {}
    /** The first line of every file {@link #write} writes. */
    static final String HEADER = "# aiosim calibrated step-cost model";

    private CalibrationFile() {}

    /** Writes {@code fit} to {@code file}, {@code source} (e.g. "djl tiny, 1 torch thread") in the header, no swap speed. */
    public static void write(Path file, StepCostFit.Result fit, String source) throws IOException {
        write(file, fit, source, java.util.OptionalDouble.empty(), null);
    }

    /** Writes {@code fit} and the measured {@code swap} speed (with MiB/s per direction in a comment). */
    public static void write(Path file, StepCostFit.Result fit, String source, SwapRate swap) throws IOException {
        write(file, fit, source, java.util.OptionalDouble.of(swap.bytesPerSec()), String.format(Locale.ROOT,
                "# swap: %d B out in %.3f ms (%.1f MiB/s), %d B in in %.3f ms (%.1f MiB/s); %s = both directions' bytes / both"
                        + " directions' time%n", swap.outBytes(), swap.outNanos() / 1e6, swap.outMibPerSec(), swap.inBytes(),
                swap.inNanos() / 1e6, swap.inMibPerSec(), SWAP_KEY));
    }

    /**
     * Writes {@code fit} and, when present, {@code swapBytesPerSec} (range-checked).
     *
     * @param swapNote a comment line on how the swap speed was found, or null
     */
    public static void write(Path file, StepCostFit.Result fit, String source, java.util.OptionalDouble swapBytesPerSec,
                             String swapNote) throws IOException {
        if (swapBytesPerSec.isPresent()) {
            swapRange(swapBytesPerSec.getAsDouble(), SWAP_KEY);
        }
        StringBuilder b = new StringBuilder();
        b.append(HEADER).append(" (docs/inference.md): t = fixed + per-prefill-token x prefill tokens\n")
                .append("#   + per-prefill-pair x prefill attention pairs + per-decode x decoding calls\n")
                .append("#   + per-decode-context x context tokens the decoding calls attend over; nanoseconds\n")
                .append("# measured on: ").append(source.replace('\n', ' ')).append('\n')
                .append(String.format(Locale.ROOT, "# fit (%s least squares): %d steps, R^2 %.5f, mean |relative error| %.1f%%,"
                        + " worst relative error %.1f%%%n", fit.weighting().label(), fit.samples(), fit.r2(),
                        100 * fit.meanAbsRelError(), fit.worst().isEmpty() ? 0.0 : 100 * Math.abs(fit.worst().get(0).relativeError())));
        if (swapNote != null) {
            b.append(swapNote.endsWith("\n") ? swapNote : swapNote + "\n");
        }
        b.append("kind = ").append(KIND).append('\n');
        double[] c = fit.model().coefficients();
        for (int i = 0; i < c.length; i++) {
            b.append(LinearStepCost.TERMS[i]).append(" = ").append(c[i]).append('\n');
        }
        if (swapBytesPerSec.isPresent()) {
            b.append(SWAP_KEY).append(" = ").append(swapBytesPerSec.getAsDouble()).append('\n');
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

    /** The step-cost model of a file written by {@link #write} (or by hand in the same format); see {@link #load}. */
    public static LinearStepCost read(Path file) throws IOException {
        return load(file).model();
    }

    /** Reads a file written by {@link #write} (or by hand in the same format): its model and its swap speed, if any. */
    public static Contents load(Path file) throws IOException {
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
        String swap = p.getProperty(SWAP_KEY);
        java.util.OptionalDouble swapBytesPerSec = java.util.OptionalDouble.empty();
        if (swap != null) {
            double x;
            try {
                x = Double.parseDouble(swap.trim());
            } catch (NumberFormatException e) {
                x = Double.NaN;
            }
            swapRange(x, file + ": key '" + SWAP_KEY + "'", swap);
            swapBytesPerSec = java.util.OptionalDouble.of(x);
        }
        return new Contents(LinearStepCost.of(c), swapBytesPerSec);
    }

    /** Checks a swap speed against the accepted range; {@code what} names it in the message. */
    public static void swapRange(double x, String what) {
        swapRange(x, what, Double.toString(x));
    }

    private static void swapRange(double x, String what, String written) {
        if (!(x >= MIN_SWAP_BYTES_PER_SEC && x <= MAX_SWAP_BYTES_PER_SEC)) {
            throw new IllegalArgumentException(what + ": expected bytes per second from 1024 to 1e13, got '" + written.trim() + "'");
        }
    }
}
