package dev.aiosim.workloads.trace;

import dev.aiosim.kernel.process.AgentSource;
import java.nio.file.Path;
import java.util.List;

/**
 * One trace file format: how to recognise it and how to stream it as agent arrivals. Exists so a
 * new format is one package with one implementation of this interface, registered in
 * {@link TraceFormats}.
 */
public interface TraceFormat {
    /** Name used in specs and on the command line, e.g. {@code azure-2023}. */
    String name();

    /** Other accepted names. */
    default List<String> aliases() {
        return List.of();
    }

    /** One line for listings: what the format is and where it comes from. */
    String description();

    /**
     * Whether a file whose first line is {@code firstLine} is in this format (used to detect the
     * format when none is named). The line has no line terminator and no byte-order mark.
     */
    boolean accepts(String firstLine);

    /**
     * Opens a file for streaming replay; nothing beyond the current row is held in memory.
     *
     * @throws TraceFormatException when the file is empty or its header is not this format's
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    AgentSource open(Path file, OnBadRow onBadRow);
}
