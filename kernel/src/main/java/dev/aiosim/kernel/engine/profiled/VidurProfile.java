package dev.aiosim.kernel.engine.profiled;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The per-layer operator times of one model on one GPU, read from Vidur's profiling tables
 * ({@code mlp.csv} and {@code attention.csv} of {@code data/profiling/compute/<device>/<model>/}
 * in github.com/microsoft/vidur), for one tensor-parallel degree. Times in the files are
 * milliseconds per layer (medians of CUDA-timed runs); the tables here keep them in
 * milliseconds.
 *
 * <p>Which columns are used, following Vidur's own predictor
 * ({@code vidur/execution_time_predictor/sklearn_execution_time_predictor.py}, which sums these
 * operators per layer and multiplies by the number of layers):
 * <ul>
 *   <li>{@code mlp.csv}, keyed by {@code num_tokens} (tokens in the step): the medians of
 *       {@code attn_pre_proj}, {@code attn_rope}, {@code attn_post_proj}, {@code mlp_up_proj},
 *       {@code mlp_act}, {@code mlp_down_proj}, and, 0 when the column is absent or empty as in
 *       Vidur, {@code input_layernorm}, {@code post_attention_layernorm}, {@code add}. The
 *       embedding ({@code emb}) is not counted, as in Vidur. They are summed row by row into one
 *       table ({@link #tokenOps()}); interpolation is linear in the values, so this equals summing
 *       the interpolated operators, before cleaning.</li>
 *   <li>{@code attention.csv}: {@code attn_kv_cache_save} keyed by
 *       {@code max(prefill_chunk_size, batch_size)} (Vidur's {@code num_tokens} feature; 0 when
 *       absent); {@code attn_prefill} on rows with {@code prefill_chunk_size > 0}, keyed by
 *       (chunk, {@code kv_cache_size}); {@code attn_decode} on rows with
 *       {@code prefill_chunk_size == 0}, keyed by ({@code kv_cache_size} per call,
 *       {@code batch_size}).</li>
 * </ul>
 * Rows of other tensor-parallel degrees ({@code num_tensor_parallel_workers}) are skipped. Other
 * columns (model shape, block size, backend) are not checked.
 *
 * @param tokenOps the per-token operators of one layer by tokens in the step, ms
 * @param kvCacheSave the KV-cache write of one layer by tokens in the step, ms
 * @param prefillAttention prefill attention of one layer by (chunk, KV already cached), ms
 * @param decodeAttention decode attention of one layer by (KV per call, batch size), ms
 */
public record VidurProfile(PiecewiseLinear tokenOps, PiecewiseLinear kvCacheSave, LineTable prefillAttention,
                           LineTable decodeAttention) {
    static final String MLP = "mlp.csv";
    static final String ATTENTION = "attention.csv";
    private static final String TP = "num_tensor_parallel_workers";
    private static final List<String> REQUIRED_MLP_OPS = List.of("attn_pre_proj", "attn_rope", "attn_post_proj",
            "mlp_up_proj", "mlp_act", "mlp_down_proj");
    private static final List<String> OPTIONAL_MLP_OPS = List.of("input_layernorm", "post_attention_layernorm", "add");

    private static String median(String op) {
        return "time_stats." + op + ".median";
    }

    /**
     * Reads {@code dir/mlp.csv} and {@code dir/attention.csv}.
     *
     * @param tensorParallel the {@code num_tensor_parallel_workers} whose rows to use, >= 1
     * @throws ProfileFormatException for a missing file, a malformed row, or no usable row
     */
    public static VidurProfile read(Path dir, int tensorParallel) {
        if (tensorParallel < 1) {
            throw new IllegalArgumentException("tensor-parallel must be >= 1, got " + tensorParallel);
        }
        PiecewiseLinear ops = readMlp(dir.resolve(MLP), tensorParallel);
        return readAttention(dir.resolve(ATTENTION), tensorParallel, ops);
    }

    private static PiecewiseLinear readMlp(Path path, int tp) {
        Csv csv = Csv.open(path);
        int tokens = csv.column("num_tokens");
        int tpCol = csv.column(TP);
        List<Integer> required = new ArrayList<>();
        for (String op : REQUIRED_MLP_OPS) {
            required.add(csv.column(median(op)));
        }
        List<Integer> optional = new ArrayList<>();
        for (String op : OPTIONAL_MLP_OPS) {
            optional.add(csv.optionalColumn(median(op)));
        }
        List<double[]> points = new ArrayList<>();
        TreeSet<Long> tps = new TreeSet<>();
        for (String[] row; (row = csv.next()) != null; ) {
            long rowTp = csv.integer(row, tpCol, 1);
            tps.add(rowTp);
            if (rowTp != tp) {
                continue;
            }
            double t = 0;
            for (int c : required) {
                t += csv.millis(row, c, false);
            }
            for (int c : optional) {
                if (c >= 0) {
                    t += csv.millis(row, c, true);
                }
            }
            points.add(new double[] {csv.integer(row, tokens, 1), t});
        }
        if (points.isEmpty()) {
            throw noRows(path, tp, tps);
        }
        double[] k = new double[points.size()];
        double[] v = new double[points.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = points.get(i)[0];
            v[i] = points.get(i)[1];
        }
        return PiecewiseLinear.of(k, v);
    }

    private static VidurProfile readAttention(Path path, int tp, PiecewiseLinear ops) {
        Csv csv = Csv.open(path);
        int tpCol = csv.column(TP);
        int batch = csv.column("batch_size");
        int chunk = csv.column("prefill_chunk_size");
        int kv = csv.column("kv_cache_size");
        int prefill = csv.column(median("attn_prefill"));
        int decode = csv.column(median("attn_decode"));
        int save = csv.optionalColumn(median("attn_kv_cache_save"));
        List<double[]> savePoints = new ArrayList<>();
        LineTable.Builder prefillTable = LineTable.builder();
        LineTable.Builder decodeTable = LineTable.builder();
        TreeSet<Long> tps = new TreeSet<>();
        for (String[] row; (row = csv.next()) != null; ) {
            long rowTp = csv.integer(row, tpCol, 1);
            tps.add(rowTp);
            if (rowTp != tp) {
                continue;
            }
            long b = csv.integer(row, batch, 1);
            long c = csv.integer(row, chunk, 0);
            long k = csv.integer(row, kv, 0);
            if (c > 0) {
                prefillTable.add(c, k, csv.millis(row, prefill, false));
            } else {
                decodeTable.add(k, b, csv.millis(row, decode, false));
            }
            savePoints.add(new double[] {Math.max(b, c), save >= 0 ? csv.millis(row, save, true) : 0});
        }
        if (savePoints.isEmpty()) {
            throw noRows(path, tp, tps);
        }
        if (prefillTable.isEmpty()) {
            throw new ProfileFormatException(path.toString(), "no prefill row (prefill_chunk_size > 0) with " + TP
                    + " = " + tp + "; expected Vidur's attention profile with prefill and decode rows");
        }
        if (decodeTable.isEmpty()) {
            throw new ProfileFormatException(path.toString(), "no decode row (prefill_chunk_size = 0) with " + TP
                    + " = " + tp + "; expected Vidur's attention profile with prefill and decode rows");
        }
        double[] k = new double[savePoints.size()];
        double[] v = new double[savePoints.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = savePoints.get(i)[0];
            v[i] = savePoints.get(i)[1];
        }
        return new VidurProfile(ops, PiecewiseLinear.of(k, v), prefillTable.build(), decodeTable.build());
    }

    private static ProfileFormatException noRows(Path path, int tp, TreeSet<Long> found) {
        return new ProfileFormatException(path.toString(), "no row with " + TP + " = " + tp
                + (found.isEmpty() ? " (the file has no rows)" : " (the file has " + found + ")"));
    }

    /** A plain comma-separated file with a header line (Vidur's tables have no quoted fields). */
    private static final class Csv {
        private final String file;
        private final BufferedReader in;
        private final Map<String, Integer> columns = new HashMap<>();
        private final String[] names;
        private long line = 1;

        private Csv(String file, BufferedReader in, String header) {
            this.file = file;
            this.in = in;
            this.names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) {
                columns.putIfAbsent(names[i].strip(), i);
            }
        }

        static Csv open(Path path) {
            String file = path.toString();
            try {
                BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                String header = in.readLine();
                if (header == null || header.isBlank()) {
                    in.close();
                    throw new ProfileFormatException(file, 1, "header", "a CSV header naming the columns",
                            header == null ? "" : header);
                }
                return new Csv(file, in, header.startsWith("\uFEFF") ? header.substring(1) : header);
            } catch (NoSuchFileException e) {
                throw new ProfileFormatException(file, "no such file; expected Vidur's " + path.getFileName()
                        + " (a profiling folder holds mlp.csv and attention.csv)");
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }

        int column(String name) {
            Integer i = columns.get(name);
            if (i == null) {
                throw new ProfileFormatException(file, 1, name, "a column of that name in the header",
                        abbreviate(String.join(",", names)));
            }
            return i;
        }

        int optionalColumn(String name) {
            return columns.getOrDefault(name, -1);
        }

        /** The next non-blank row, or null at the end (the file is then closed). */
        String[] next() {
            try {
                for (String s; (s = in.readLine()) != null; ) {
                    line++;
                    if (s.isBlank()) {
                        continue;
                    }
                    String[] row = s.split(",", -1);
                    if (row.length != names.length) {
                        throw new ProfileFormatException(file, line, "row", names.length + " comma-separated fields"
                                + " as in the header", row.length + " fields: " + abbreviate(s));
                    }
                    return row;
                }
                in.close();
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(file + ":" + line + ": " + e.getMessage(), e);
            }
        }

        long integer(String[] row, int col, long min) {
            String s = row[col].strip();
            try {
                long v = Long.parseLong(s);
                if (v >= min && v <= Integer.MAX_VALUE) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ProfileFormatException(file, line, names[col].strip(),
                    "an integer from " + min + " to " + Integer.MAX_VALUE, s);
        }

        double millis(String[] row, int col, boolean emptyIsZero) {
            String s = row[col].strip();
            if (s.isEmpty() && emptyIsZero) {
                return 0;
            }
            try {
                double v = Double.parseDouble(s);
                if (v >= 0 && v < 1e9) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ProfileFormatException(file, line, names[col].strip(),
                    "a time in milliseconds from 0 to 1e9", s);
        }

        private static String abbreviate(String s) {
            return s.length() <= 80 ? s : s.substring(0, 77) + "...";
        }
    }
}
