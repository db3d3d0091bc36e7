package dev.aiosim.inference.calibrate;

import dev.aiosim.kernel.engine.StepShape;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads per-step timings measured on another engine into {@link StepSample}s, so that
 * {@link StepCostFit} fits them as it fits DJL's. The format (docs/inference.md): a CSV whose
 * header names the columns {@code prefill_tokens,prefill_pairs,decode_calls,decode_context_tokens,step_ms}
 * in any order (other columns are ignored), one step per row; blank lines and lines starting with
 * {@code #} are skipped. Counts are integers >= 0, {@code step_ms} a number > 0. A bad row is one
 * error naming file, line and column.
 */
public final class StepTimings {
    /** The columns a timings file must have. */
    public static final List<String> COLUMNS =
            List.of("prefill_tokens", "prefill_pairs", "decode_calls", "decode_context_tokens", "step_ms");

    /** Largest count accepted in a column (a step of more tokens than this is a typo). */
    static final long MAX_COUNT = 1L << 40;

    private StepTimings() {}

    /** The rows of {@code file} as samples, in file order. */
    public static List<StepSample> read(Path file) throws IOException {
        List<StepSample> samples = new ArrayList<>();
        int[] at = null;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] cells = t.split(",", -1);
                if (at == null) {
                    at = header(file, lineNo, cells);
                    continue;
                }
                samples.add(row(file, lineNo, cells, at));
            }
        }
        if (at == null) {
            throw new IllegalArgumentException(file + ": expected a header line " + String.join(",", COLUMNS) + ", got an empty file");
        }
        return samples;
    }

    /**
     * Writes {@code samples} in this format (the five columns plus {@code sampling_calls}, which
     * {@link #read} ignores), so that measured steps can be kept, inspected and fitted again with
     * {@code aiosim calibrate --from-timings}.
     */
    public static void write(Path file, List<StepSample> samples, String comment) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : comment.split("\n")) {
            b.append("# ").append(line).append('\n');
        }
        b.append(String.join(",", COLUMNS)).append(",sampling_calls\n");
        for (StepSample s : samples) {
            StepShape x = s.shape();
            b.append(x.prefillTokens()).append(',').append(x.prefillPairs()).append(',').append(x.decodeTokens())
                    .append(',').append(x.decodeContextTokens()).append(',')
                    .append(java.math.BigDecimal.valueOf(s.nanos()).movePointLeft(6).toPlainString()).append(',')
                    .append(x.samplingCalls()).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
    }

    private static int[] header(Path file, int line, String[] cells) {
        List<String> names = Arrays.stream(cells).map(c -> c.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = names.indexOf(COLUMNS.get(i));
            if (at[i] < 0) {
                throw new IllegalArgumentException(file + ":" + line + ": header: expected a column '" + COLUMNS.get(i)
                        + "' (columns " + String.join(",", COLUMNS) + "), got " + String.join(",", cells));
            }
        }
        return at;
    }

    private static StepSample row(Path file, int line, String[] cells, int[] at) {
        long[] n = new long[4];
        for (int i = 0; i < 4; i++) {
            String v = cell(file, line, cells, at[i], COLUMNS.get(i));
            try {
                n[i] = Long.parseLong(v);
            } catch (NumberFormatException e) {
                n[i] = -1;
            }
            if (n[i] < 0 || n[i] > MAX_COUNT) {
                throw bad(file, line, COLUMNS.get(i), "an integer from 0 to " + MAX_COUNT, v);
            }
        }
        String v = cell(file, line, cells, at[4], "step_ms");
        double ms;
        try {
            ms = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            ms = Double.NaN;
        }
        if (!(ms > 0 && ms <= 1e9) || v.endsWith("d") || v.endsWith("f") || v.endsWith("D") || v.endsWith("F")) {
            throw bad(file, line, "step_ms", "a time in milliseconds > 0 and <= 1e9", v);
        }
        if (n[0] == 0 && n[1] != 0 || n[1] < n[0]) {
            throw bad(file, line, "prefill_pairs", "at least prefill_tokens (" + n[0] + ") attention pairs, and 0 without"
                    + " prefill tokens (a prompt of n tokens has n(n+1)/2)", Long.toString(n[1]));
        }
        if (n[3] < n[2] || n[2] > Integer.MAX_VALUE) {
            throw bad(file, line, "decode_context_tokens", "at least decode_calls (" + n[2] + "): each decoding call attends"
                    + " over its context", Long.toString(n[3]));
        }
        if (n[0] + n[2] == 0) {
            throw bad(file, line, "prefill_tokens", "a step that computes something (prefill_tokens or decode_calls > 0)", "0");
        }
        long nanos = Math.max(1, Math.round(ms * 1e6));
        return new StepSample(new StepShape(n[0], n[1], (int) n[2], n[3]), nanos);
    }

    private static String cell(Path file, int line, String[] cells, int i, String column) {
        if (i >= cells.length) {
            throw bad(file, line, column, "a value (the row has " + cells.length + " cells)", "");
        }
        return cells[i].strip();
    }

    private static IllegalArgumentException bad(Path file, int line, String column, String expected, String got) {
        return new IllegalArgumentException(file + ":" + line + ": " + column + ": expected " + expected + ", got '" + got + "'");
    }
}
