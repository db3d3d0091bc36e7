package dev.aiosim.cli.command;

import dev.aiosim.cli.results.OutputFile;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.workloads.trace.azure.AzureTraceGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim trace generate --rows N --out FILE}: a synthetic Azure-2023-format CSV of any
 * length, deterministic from the seed, written streaming (for the memory check and for tests
 * that need big traces without committing them).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic trace in the Azure LLM 2023 CSV format: Poisson arrivals at 5.38/s, log-normal"
            + " context and generated tokens shaped like the real conv trace; the same seed gives the same bytes."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of data rows.")
    long rows;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV (replaced if it exists).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (rows < 0) {
            throw new SpecException("--rows: expected an integer >= 0, got '" + rows + "'");
        }
        OutputFile.checkTarget(out, "--out " + out);
        OutputFile.write(out, temp -> {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                AzureTraceGenerator.write(w, rows, seed);
            }
        });
        spec.commandLine().getOut().println("wrote " + rows + " rows to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
