package dev.aiosim.cli;

import dev.aiosim.cli.command.CompareCommand;
import dev.aiosim.cli.command.DemoCommand;
import dev.aiosim.cli.command.ErrorHandler;
import dev.aiosim.cli.command.LiveCommand;
import dev.aiosim.cli.command.PoliciesCommand;
import dev.aiosim.cli.command.ReplayCommand;
import dev.aiosim.cli.command.RunCommand;
import dev.aiosim.workloads.trace.TraceFormats;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code aiosim} command: a research simulator for LLM-agent operating systems. */
@Command(name = "aiosim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Simulates LLM-agent operating systems: agents, syscalls, GPU inference slots, "
                + "context snapshots and scheduling policies, in deterministic virtual time.",
        subcommands = {DemoCommand.class, RunCommand.class, CompareCommand.class, ReplayCommand.class,
            PoliciesCommand.class, LiveCommand.class, dev.aiosim.cli.command.AuditCommand.class,
            dev.aiosim.cli.command.TraceCommand.class,
            dev.aiosim.cli.command.SweepCommand.class, dev.aiosim.cli.command.WorkerCommand.class,
            dev.aiosim.cli.command.ReportCommand.class, dev.aiosim.cli.command.CalibrateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code when the heap ran out: a resource error, like an I/O error. */
    public static final int OUT_OF_MEMORY = ErrorHandler.IO_ERROR;

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its code; running out of heap is one line saying what
     * to lower or how to give the JVM more (exit code {@value #OUT_OF_MEMORY}), not a stack trace.
     */
    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // what the runs held is unreachable now, so there is room to say so
            System.err.println("aiosim: out of memory (max heap " + maxHeapMiB() + " MiB): lower workload.agents, "
                    + "repetitions or the trace's size, or give the JVM more heap with AIOSIM_JAVA_OPTS=-Xmx...");
            System.err.flush();
            code = OUT_OF_MEMORY;
        }
        System.exit(code);
    }

    /** The heap limit (-Xmx, or the JVM's default) in MiB. */
    private static long maxHeapMiB() {
        long bytes = Runtime.getRuntime().maxMemory();
        try {
            bytes = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapSize").getValue()); // exact; maxMemory() leaves out a survivor space
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot: maxMemory() is close enough
        }
        return Math.round(bytes / (1024.0 * 1024.0));
    }

    /** The configured command line: error handling that prints one-line messages for user errors. */
    public static CommandLine commandLine() {
        System.setProperty("aiosim.trace-formats", String.join(", ", TraceFormats.names()));
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** No command given: that is a usage error, so the usage goes to stderr and the exit code is 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ErrorHandler.USER_ERROR;
    }

    /** {@code --version}: aiosim version, commit and Java. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String commit = BuildInfo.commit();
            return new String[] {"aiosim " + BuildInfo.version()
                    + (commit == null ? "" : " (commit " + commit.substring(0, 12) + (Boolean.TRUE.equals(BuildInfo.dirty()) ? ", modified" : "") + ")"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
