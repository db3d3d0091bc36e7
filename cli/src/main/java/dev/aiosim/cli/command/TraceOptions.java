package dev.aiosim.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a trace file is read, declared once for {@code replay}, {@code trace inspect} and
 * {@code trace convert}: its format (named, or detected from the header) and what to do with rows
 * that cannot be read.
 */
public final class TraceOptions {
    @Option(names = "--format", paramLabel = "NAME",
            description = "Trace format instead of detecting it from the header; known: ${sys:aiosim.trace-formats}.")
    String format;

    @Option(names = "--on-bad-row", paramLabel = "fail|skip", description = "What to do with rows that cannot be read (default: fail).")
    String onBadRow;

    /** Opens {@code file} with these options; a missing file or an unknown name is a user error. */
    TraceInput open(Path file) {
        return TraceInput.open(file, format, onBadRow);
    }
}
