package dev.aiosim.kernel.engine.profiled;

/**
 * A profiling table that cannot be read as Vidur's format says, reported on one line as
 * {@code file:line: column: expected ..., got '...'} so that the user can open the file at the
 * place and see what is wrong.
 */
public final class ProfileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file as the user named it
     * @param line 1-based line number (the header is line 1)
     * @param column the column at fault, or {@code header} / {@code row}
     * @param expected what was expected, e.g. {@code a number >= 0 (milliseconds)}
     * @param got the text found
     */
    public ProfileFormatException(String file, long line, String column, String expected, String got) {
        super(file + ":" + line + ": " + column + ": expected " + expected + ", got '" + got + "'");
    }

    /** A problem of the whole file (missing, or no usable rows): {@code file: message}. */
    public ProfileFormatException(String file, String message) {
        super(file + ": " + message);
    }
}
