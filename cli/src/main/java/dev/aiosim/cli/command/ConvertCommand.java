package dev.aiosim.cli.command;

import dev.aiosim.cli.results.OutputFile;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.TraceFileException;
import dev.aiosim.workloads.trace.TraceFormatException;
import dev.aiosim.workloads.trace.aiosim.AiosimTraceWriter;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import dev.aiosim.workloads.trace.vidur.VidurCsvWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim trace convert FILE --to aiosim|vidur --out FILE}: rewrites any readable trace as
 * aiosim JSONL (lossless) or Vidur CSV (flat request traces only), streaming. On an error the
 * nothing is left behind: the output goes to a temporary file moved into place only when complete,
 * and an existing file of that name is only replaced then (a path that is not a regular file is
 * refused).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts a trace in any readable format to aiosim JSONL (lossless: agents, calls, tool gaps,"
            + " priorities, prefixes) or Vidur CSV (arrived_at,num_prefill_tokens,num_decode_tokens; only traces where"
            + " every agent is a single LLM call)."})
public final class ConvertCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Target { AIOSIM, VIDUR }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Trace file; its format is detected from the header.")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "aiosim|vidur", description = "Output format.")
    Target to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file (replaced if it exists; .gz compresses aiosim JSONL).")
    Path out;

    @Mixin
    TraceOptions trace = new TraceOptions();

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() throws IOException {
        OutputFile.checkTarget(out, "--out " + out);
        if (Files.exists(out) && Files.exists(file) && Files.isSameFile(out, file)) {
            throw new SpecException("--out " + out + ": is the input file; write to another file");
        }
        TraceInput in = trace.open(file);
        long[] agents = {0};
        try (AgentSource source = in.source()) {
            OutputFile.write(out, temp -> {
                Consumer<TraceAgent> sink;
                Closeable writer;
                if (to == Target.AIOSIM) {
                    AiosimTraceWriter w = new AiosimTraceWriter(temp, "aiosim trace convert " + file.getFileName()
                            + " (" + in.format().name() + ")");
                    sink = w::write;
                    writer = w;
                } else {
                    VidurCsvWriter w = new VidurCsvWriter(temp);
                    sink = w::write;
                    writer = w;
                }
                try (writer) {
                    for (AgentArrival a = source.next(); a != null; a = source.next()) {
                        sink.accept(TraceAgent.of(a));
                        agents[0]++;
                    }
                } catch (IllegalArgumentException e) {
                    if (e instanceof TraceFormatException || e instanceof TraceFileException) {
                        throw e;
                    }
                    throw new SpecException(file + ": " + e.getMessage(), e);
                }
            });
            PrintWriter console = spec.commandLine().getOut();
            console.println("wrote " + agents[0] + " agents from " + file + " (" + in.format().name() + ") to " + out
                    + " (" + to.name().toLowerCase(Locale.ROOT) + ")"
                    + (source.skippedRows() > 0 ? "; skipped " + source.skippedRows() + " bad rows" : ""));
            console.flush();
        }
        return 0;
    }
}
