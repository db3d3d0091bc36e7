package dev.aiosim.kernel.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hardware and model catalog: GPUs and models by name, read from a properties file so
 * researchers can add their own without code. Keys are {@code gpu.NAME.FIELD} and
 * {@code model.NAME.FIELD}; the bundled file is {@code catalog.properties} beside this class.
 * A GPU's {@code interconnect-bytes-per-sec} and a model's dimensions ({@code hidden-size},
 * {@code intermediate-size}, {@code vocab-size}, {@code tied-embeddings}, all four or none) are
 * optional, so catalogs written for the roofline keep loading; the per-operator cost model
 * needs them. A model's {@code max-context} (its maximum context length in tokens, from its
 * model card) is optional too: without it the kernel enforces no context window for it.
 */
public final class Catalog {
    private static final String[] GPU_FIELDS = {"peak-flops", "hbm-bytes-per-sec", "memory-bytes", "pcie-bytes-per-sec",
        "interconnect-bytes-per-sec"};
    private static final String[] MODEL_FIELDS = {"params", "layers", "query-heads", "kv-heads", "head-dim",
        "dtype-bytes", "tensor-parallel", "hidden-size", "intermediate-size", "vocab-size", "tied-embeddings", "max-context"};
    private static final String[] DIMENSION_FIELDS = {"hidden-size", "intermediate-size", "vocab-size", "tied-embeddings"};

    private final Map<String, GpuSpec> gpus;
    private final Map<String, ModelSpec> models;
    private final Map<String, Long> contextWindows;

    private Catalog(Map<String, GpuSpec> gpus, Map<String, ModelSpec> models, Map<String, Long> contextWindows) {
        this.gpus = Collections.unmodifiableMap(gpus);
        this.models = Collections.unmodifiableMap(models);
        this.contextWindows = Collections.unmodifiableMap(contextWindows);
    }

    /** The catalog bundled with aiosim. */
    public static Catalog bundled() {
        try (InputStream in = Catalog.class.getResourceAsStream("catalog.properties")) {
            if (in == null) {
                throw new IllegalStateException("bundled catalog.properties is missing from the kernel jar");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(p, "bundled catalog.properties");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled catalog", e);
        }
    }

    /** A catalog from a file of the same format. */
    public static Catalog load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return parse(p, file.toString());
    }

    static Catalog parse(Properties p, String source) {
        Map<String, GpuSpec> gpus = new TreeMap<>();
        Map<String, ModelSpec> models = new TreeMap<>();
        Map<String, Long> windows = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            // names may contain dots (Llama-3.1-8B): the field is what follows the last dot
            int first = key.indexOf('.');
            int last = key.lastIndexOf('.');
            String kind = first < 0 ? key : key.substring(0, first);
            String field = key.substring(last + 1);
            boolean known = last > first + 1
                    && (kind.equals("gpu") && contains(GPU_FIELDS, field)
                        || kind.equals("model") && contains(MODEL_FIELDS, field));
            if (!known) {
                throw new IllegalArgumentException(source + ": key '" + key + "': expected gpu.NAME."
                        + String.join("|", GPU_FIELDS) + " or model.NAME." + String.join("|", MODEL_FIELDS));
            }
        }
        for (String name : names(p, "gpu.")) {
            gpus.put(name, new GpuSpec(name,
                    number(p, source, "gpu." + name + ".peak-flops"),
                    number(p, source, "gpu." + name + ".hbm-bytes-per-sec"),
                    number(p, source, "gpu." + name + ".memory-bytes"),
                    number(p, source, "gpu." + name + ".pcie-bytes-per-sec"),
                    p.getProperty("gpu." + name + ".interconnect-bytes-per-sec") == null ? 0
                            : number(p, source, "gpu." + name + ".interconnect-bytes-per-sec")));
        }
        for (String name : names(p, "model.")) {
            models.put(name, new ModelSpec(name,
                    number(p, source, "model." + name + ".params"),
                    (int) number(p, source, "model." + name + ".layers"),
                    (int) number(p, source, "model." + name + ".query-heads"),
                    (int) number(p, source, "model." + name + ".kv-heads"),
                    (int) number(p, source, "model." + name + ".head-dim"),
                    (int) number(p, source, "model." + name + ".dtype-bytes"),
                    (int) number(p, source, "model." + name + ".tensor-parallel"),
                    dimensions(p, source, "model." + name + ".")));
            String window = "model." + name + ".max-context";
            if (p.getProperty(window) != null) {
                double w = number(p, source, window);
                if (w != Math.rint(w) || w > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(source + ": key '" + window + "': expected a whole number of tokens up to "
                            + Integer.MAX_VALUE + ", got '" + p.getProperty(window) + "'");
                }
                windows.put(name, (long) w);
            }
        }
        return new Catalog(gpus, models, windows);
    }

    /** The model's dimensions, or null when none of their keys is given; some but not all is an error. */
    private static ModelDimensions dimensions(Properties p, String source, String prefix) {
        int given = 0;
        for (String f : DIMENSION_FIELDS) {
            given += p.getProperty(prefix + f) == null ? 0 : 1;
        }
        if (given == 0) {
            return null;
        }
        if (given < DIMENSION_FIELDS.length) {
            for (String f : DIMENSION_FIELDS) {
                if (p.getProperty(prefix + f) == null) {
                    throw new IllegalArgumentException(source + ": key '" + prefix + f + "' is missing (a model states all of "
                            + String.join(", ", DIMENSION_FIELDS) + " or none)");
                }
            }
        }
        String tied = p.getProperty(prefix + "tied-embeddings").trim();
        if (!tied.equals("true") && !tied.equals("false")) {
            throw new IllegalArgumentException(source + ": key '" + prefix + "tied-embeddings': expected true or false, got '"
                    + tied + "'");
        }
        return new ModelDimensions((int) number(p, source, prefix + "hidden-size"),
                (int) number(p, source, prefix + "intermediate-size"), (int) number(p, source, prefix + "vocab-size"),
                tied.equals("true"));
    }

    private static boolean contains(String[] a, String s) {
        for (String x : a) {
            if (x.equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static TreeSet<String> names(Properties p, String prefix) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                int dot = key.lastIndexOf('.');
                if (dot > prefix.length()) {
                    names.add(key.substring(prefix.length(), dot));
                }
            }
        }
        return names;
    }

    private static double number(Properties p, String source, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": key '" + key + "' is missing");
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": key '" + key + "': expected a positive number, got '" + v + "'");
        }
    }

    public GpuSpec gpu(String name) {
        GpuSpec g = gpus.get(name);
        if (g == null) {
            throw new IllegalArgumentException("unknown gpu '" + name + "'; known: " + String.join(", ", gpus.keySet()));
        }
        return g;
    }

    public ModelSpec model(String name) {
        ModelSpec m = models.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", models.keySet()));
        }
        return m;
    }

    /** The model's maximum context length in tokens, 0 when the catalog states none. */
    public long contextWindow(String model) {
        return contextWindows.getOrDefault(model, 0L);
    }

    public Map<String, GpuSpec> gpus() {
        return gpus;
    }

    public Map<String, ModelSpec> models() {
        return models;
    }
}
