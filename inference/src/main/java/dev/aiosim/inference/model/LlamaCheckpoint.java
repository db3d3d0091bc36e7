package dev.aiosim.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama-family checkpoint on local disk, laid out as Hugging Face publishes it: a
 * {@code config.json} giving the shape and one or more {@code *.safetensors} files holding the
 * weights. Nothing is downloaded: the user points at a folder they already have.
 */
public final class LlamaCheckpoint implements WeightSource, AutoCloseable {
    private final LlamaSpec spec;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byName = new HashMap<>();

    private LlamaCheckpoint(LlamaSpec spec, List<SafetensorsFile> files) {
        this.spec = spec;
        this.files = files;
        for (SafetensorsFile f : files) {
            for (String name : f.entries().keySet()) {
                if (byName.putIfAbsent(name, f) != null) {
                    throw new IllegalArgumentException(f.file() + ": tensor '" + name + "' is also in "
                            + byName.get(name).file());
                }
            }
        }
    }

    /** Opens the checkpoint in {@code dir}: its config.json and every *.safetensors file. */
    public static LlamaCheckpoint open(Path dir) throws IOException {
        LlamaSpec spec = spec(dir.resolve("config.json"), dir.getFileName() == null ? "model" : dir.getFileName().toString());
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.safetensors")) {
            ds.forEach(paths::add);
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no *.safetensors file");
        }
        paths.sort(null);
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            for (Path p : paths) {
                files.add(SafetensorsFile.open(p));
            }
            return new LlamaCheckpoint(spec, files);
        } catch (IOException | RuntimeException e) {
            for (SafetensorsFile f : files) {
                f.close();
            }
            throw e;
        }
    }

    /** The shape of a Hugging Face Llama {@code config.json}. */
    public static LlamaSpec spec(Path config, String name) throws IOException {
        JsonNode c;
        try {
            c = new ObjectMapper().readTree(config.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(config + ": not readable JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        int heads = integer(config, c, "num_attention_heads", -1);
        return new LlamaSpec(name,
                integer(config, c, "num_hidden_layers", -1),
                integer(config, c, "hidden_size", -1),
                heads,
                integer(config, c, "num_key_value_heads", heads),
                integer(config, c, "intermediate_size", -1),
                integer(config, c, "vocab_size", -1),
                c.path("rope_theta").asDouble(10000),
                c.path("rms_norm_eps").asDouble(1e-6),
                c.path("tie_word_embeddings").asBoolean(false));
    }

    private static int integer(Path config, JsonNode c, String field, int dflt) {
        JsonNode v = c.get(field);
        if (v == null && dflt > 0) {
            return dflt;
        }
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(config + ": field '" + field + "': expected an integer, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.asInt();
    }

    public LlamaSpec spec() {
        return spec;
    }

    @Override
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    @Override
    public float[] tensor(String name, long... shape) {
        SafetensorsFile f = byName.get(name);
        if (f == null) {
            throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'");
        }
        long[] found = f.entries().get(name).shape();
        if (!Arrays.equals(found, shape)) {
            throw new IllegalArgumentException(f.file() + ": tensor '" + name + "' has shape " + Arrays.toString(found)
                    + ", config.json implies " + Arrays.toString(shape));
        }
        try {
            return f.floats(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (SafetensorsFile f : files) {
            f.close();
        }
    }
}
