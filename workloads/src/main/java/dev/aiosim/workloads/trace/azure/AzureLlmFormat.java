package dev.aiosim.workloads.trace.azure;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.CsvRows;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * The Azure LLM inference traces (Azure Public Dataset, 2023 and 2024 releases, CC-BY-4.0; used
 * by Splitwise, Patel et al., ISCA 2024): CSV with header
 * {@code TIMESTAMP,ContextTokens,GeneratedTokens}. Every row becomes one agent that makes one LLM
 * call; see {@link AzureLlmParser} for the mapping and the error rules.
 */
public final class AzureLlmFormat implements TraceFormat {
    static final String TIMESTAMP = "TIMESTAMP";
    static final String CONTEXT = "ContextTokens";
    static final String GENERATED = "GeneratedTokens";
    static final List<String> REQUIRED = List.of(TIMESTAMP, CONTEXT, GENERATED);
    static final String HEADER = String.join(",", REQUIRED);

    @Override
    public String name() {
        return "azure-2023";
    }

    @Override
    public List<String> aliases() {
        return List.of("azure", "azure-2024", "azure-llm");
    }

    @Override
    public String description() {
        return "Azure LLM inference trace CSV, header " + HEADER;
    }

    @Override
    public boolean accepts(String firstLine) {
        return CsvRows.hasColumns(firstLine, REQUIRED);
    }

    @Override
    public AgentSource open(Path file, OnBadRow onBadRow) {
        return AzureLlmParser.open(file, onBadRow);
    }
}
