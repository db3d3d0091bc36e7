package dev.aiosim.workloads.trace;

/**
 * A trace file that cannot be read as its format says, reported as
 * {@code file:line: field: expected ..., got '...'} so that a user can open the file at the
 * place and see what is wrong.
 */
public final class TraceFormatException extends IllegalArgumentException {
    private final String file;
    private final long line;
    private final String field;

    /**
     * @param file the file as the user named it
     * @param line 1-based line number
     * @param field the column or part of the row at fault ({@code header}, {@code row}, a column name)
     * @param expected what was expected, e.g. {@code an integer >= 1}
     * @param got the text found (shown in quotes)
     */
    public TraceFormatException(String file, long line, String field, String expected, String got) {
        super(file + ":" + line + ": " + field + ": expected " + expected + ", got '" + got + "'");
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }
}
