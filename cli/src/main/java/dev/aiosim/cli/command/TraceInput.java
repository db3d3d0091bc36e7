package dev.aiosim.cli.command;

import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormat;
import dev.aiosim.workloads.trace.TraceFormatException;
import dev.aiosim.workloads.trace.TraceFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.aiosim.workloads.trace.TraceFiles;

/**
 * A trace file opened the way every {@code trace} subcommand opens it: format named or detected,
 * {@code --on-bad-row} parsed, and a missing file or unknown name reported as a one-line user
 * error (exit 2) rather than a failure.
 */
record TraceInput(TraceFormat format, AgentSource source) {
    static TraceInput open(Path file, String formatName, String onBadRow) {
        TraceFiles.checkReadable(file);
        try {
            OnBadRow mode = onBadRow == null ? OnBadRow.FAIL : OnBadRow.parse(onBadRow);
            TraceFormat f = formatName == null ? TraceFormats.detect(file)
                    : TraceFormats.byName(formatName).orElseThrow(() -> new IllegalArgumentException("--format: unknown trace format '"
                            + formatName + "', expected one of " + String.join(", ", TraceFormats.names())));
            return new TraceInput(f, f.open(file, mode));
        } catch (TraceFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }
}
