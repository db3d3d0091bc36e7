package dev.aiosim.workloads.trace;

/**
 * A trace path that cannot be read as a trace at all: missing, a folder, a device or a pipe, or
 * compressed data that is not gzip or ends early. A user error reported as one line naming the
 * file, unlike {@link TraceFormatException}, which names a row.
 */
public final class TraceFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message starts with the file as the user named it */
    public TraceFileException(String message) {
        super(message);
    }
}
