package dev.aiosim.inference.live;

import dev.aiosim.inference.model.LlamaCheckpoint;
import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.SeededWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns what a user names with {@code --model} into engines: a bundled model ({@code tiny},
 * {@code small}; weights from seed 1) or the folder of a local Llama-family checkpoint
 * (config.json and *.safetensors).
 */
public final class DjlModels {
    /** Seed of the bundled models' weights. */
    public static final long SEED = 1;

    private DjlModels() {}

    /**
     * @param model a bundled name or a checkpoint folder
     * @param threads torch threads, 0 for the default 1
     */
    public static DjlEngineFactory factory(String model, int threads) {
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("--torch-threads: expected 0..1024, got " + threads);
        }
        Path dir = Path.of(model);
        if (!model.equals("tiny") && !model.equals("small") && Files.isDirectory(dir)) {
            try {
                LlamaCheckpoint c = LlamaCheckpoint.open(dir);
                return new DjlEngineFactory(c.spec(), c, threads);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return new DjlEngineFactory(LlamaSpec.bundled(model), new SeededWeights(SEED), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model: expected tiny, small or a checkpoint folder (config.json and"
                    + " *.safetensors), got '" + model + "'");
        }
    }
}
