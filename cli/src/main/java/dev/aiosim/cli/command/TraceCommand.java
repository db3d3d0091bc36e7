package dev.aiosim.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aiosim trace}: tools for trace files (inspect, convert, generate); alone it prints its usage. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Tools for trace files: inspect statistics, convert between formats, generate a synthetic trace.",
        subcommands = {InspectCommand.class, ConvertCommand.class, GenerateCommand.class})
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
