package dev.aiosim.cli.command;

import picocli.CommandLine.Option;

/**
 * {@code --debug}, declared once for every command that reads user input (specs, traces, flags):
 * {@link ErrorHandler} then prints the stack trace of a user error too.
 */
public final class DebugOption {
    @Option(names = "--debug", description = "Show stack traces for errors in specs, traces and flags too.")
    boolean debug;
}
