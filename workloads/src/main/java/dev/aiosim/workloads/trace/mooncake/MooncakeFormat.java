package dev.aiosim.workloads.trace.mooncake;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.JsonLines;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * The Mooncake JSONL trace: {@code {"timestamp": ms, "input_length", "output_length", "hash_ids": [...]}}
 * per line. Detected by a first line that is a JSON object with {@code timestamp},
 * {@code input_length} and {@code output_length}. See {@link MooncakeParser} for the mapping.
 */
public final class MooncakeFormat implements TraceFormat {
    static final String TIMESTAMP = "timestamp";
    static final String INPUT = "input_length";
    static final String OUTPUT = "output_length";
    static final String HASH_IDS = "hash_ids";
    /** Tokens per hash id in the published traces. */
    static final int BLOCK_TOKENS = 512;

    @Override
    public String name() {
        return "mooncake";
    }

    @Override
    public List<String> aliases() {
        return List.of("mooncake-jsonl");
    }

    @Override
    public String description() {
        return "Mooncake JSONL, {\"timestamp\": ms, \"input_length\", \"output_length\", \"hash_ids\": [...]} per line";
    }

    @Override
    public boolean accepts(String firstLine) {
        return JsonLines.hasFields(firstLine, List.of(TIMESTAMP, INPUT, OUTPUT));
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return MooncakeParser.open(file, onBadRow);
    }
}
