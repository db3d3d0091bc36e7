package dev.aiosim.cli.command;

import dev.aiosim.cli.html.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aiosim report DIR}: writes the self-contained {@code report.html} of a results folder and prints its path. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes DIR/report.html: one self-contained page (charts inlined as SVG, no network needed) with"
            + " the summary metrics and their 95%% intervals, latency CDFs, per-priority panels, the timeline and, for a"
            + " sweep, metrics against the swept keys. Works on the folder of any run, compare, replay, live or sweep."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Results folder.")
    Path dir;

    @Mixin
    DebugOption debug = new DebugOption();

    @Override
    public Integer call() {
        Path out = Report.write(dir);
        PrintWriter console = spec.commandLine().getOut();
        console.println("report: " + out);
        console.flush();
        return 0;
    }
}
