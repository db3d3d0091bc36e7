package dev.aiosim.cli.command;

import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
import dev.aiosim.workloads.trace.TraceFileException;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to exit codes: user errors (a bad spec, flag or trace) print one line and exit 2,
 * with the stack trace only under {@code --debug}; an I/O error (a full disk) prints one line and
 * exits 3; anything else (a kernel invariant, a policy
 * breaking its contract, a bug) prints the stack trace and exits 1.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {
    /** Exit code for a bad spec, flag or input file. */
    public static final int USER_ERROR = 2;
    /** Exit code for an input or output error (a full disk, an unwritable folder). */
    public static final int IO_ERROR = 3;
    /** Exit code for an internal failure. */
    public static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof SpecException || ex instanceof TraceFormatException || ex instanceof VirtualTimeOverflow
                || ex instanceof TraceFileException) {
            return oneLine(ex, err, parsed, USER_ERROR);
        }
        if (ex instanceof UncheckedIOException) {
            // a full disk, a folder that cannot be written: the message names the file and the reason
            return oneLine(ex, err, parsed, IO_ERROR);
        }
        err.println("aiosim: failed: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return FAILURE;
    }

    /** The message on one line (the stack trace too under {@code --debug}); returns {@code code}. */
    private static int oneLine(Exception ex, PrintWriter err, ParseResult parsed, int code) {
        err.println("aiosim: " + ex.getMessage());
        if (debug(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean debug(ParseResult p) {
        for (ParseResult r = p; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
