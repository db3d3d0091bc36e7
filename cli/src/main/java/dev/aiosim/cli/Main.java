package dev.aiosim.cli;

import dev.aiosim.cli.command.CompareCommand;
import dev.aiosim.cli.command.DemoCommand;
import dev.aiosim.cli.command.ErrorHandler;
import dev.aiosim.cli.command.LiveCommand;
import dev.aiosim.cli.command.PoliciesCommand;
import dev.aiosim.cli.command.ReplayCommand;
import dev.aiosim.cli.command.RunCommand;
import dev.aiosim.workloads.trace.TraceFormats;
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
            PoliciesCommand.class, LiveCommand.class, dev.aiosim.cli.command.TraceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
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
