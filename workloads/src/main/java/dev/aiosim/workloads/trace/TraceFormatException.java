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
    private final boolean skippable;

    /**
     * @param file the file as the user named it
     * @param line 1-based line number
     * @param field the column or part of the row at fault ({@code header}, {@code row}, a column name)
     * @param expected what was expected, e.g. {@code an integer >= 1}
     * @param got the text found (shown in quotes)
     */
    public TraceFormatException(String file, long line, String field, String expected, String got) {
        this(file, line, field, expected, got, true);
    }

    /**
     * @param skippable false for a break of the file's structure that skipping rows cannot
     *     repair (it would replay part of a session, or drop every later row); such an error
     *     stops the run even with {@code --on-bad-row skip}, and says so
     */
    public TraceFormatException(String file, long line, String field, String expected, String got, boolean skippable) {
        super(file + ":" + line + ": " + field + ": expected " + expected + ", got '" + got + "'"
                + (skippable ? "" : "; skipping rows cannot repair this, fix the file"));
        this.file = file;
        this.line = line;
        this.field = field;
        this.skippable = skippable;
    }

    /** Whether {@code --on-bad-row skip} may skip the row (false: the file's structure is broken). */
    public boolean skippable() {
        return skippable;
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
