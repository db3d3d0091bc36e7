package dev.aiosim.cli.command;

import dev.aiosim.cli.trace.TraceStats;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.Syscalls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aiosim trace inspect FILE}: statistics of a trace in any registered format, read through
 * the same streaming source a replay uses (so what it prints is what a replay would run).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Prints a trace's statistics: agents, LLM calls, duration, arrival rate over time, prompt and"
            + " output token percentiles, sessions and rounds, tool waits, prefix reuse and skipped rows."})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Trace file; its format is detected from the header.")
    Path file;

    @Mixin
    TraceOptions trace = new TraceOptions();

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        TraceInput in = trace.open(file);
        TraceStats stats = new TraceStats();
        try (AgentSource source = in.source()) {
            for (AgentArrival a = source.next(); a != null; a = source.next()) {
                stats.add(a.time(), Syscalls.unroll(a.agent()));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(stats.render(file.toString(), in.format().name(), source.skippedRows()));
            out.flush();
        }
        return 0;
    }
}
