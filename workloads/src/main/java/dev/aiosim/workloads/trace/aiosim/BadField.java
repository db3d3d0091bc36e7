package dev.aiosim.workloads.trace.aiosim;

/**
 * A field of one line that does not read; the parser adds file and line and either fails or
 * skips the line. Carries no stack trace: it is control flow for a bad row, not a bug.
 */
final class BadField extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_GOT = 80;

    final String field;
    final String expected;
    final String got;

    BadField(String field, String expected, String got) {
        super(field + ": expected " + expected, null, false, false);
        this.field = field;
        this.expected = expected;
        this.got = got.length() > MAX_GOT ? got.substring(0, MAX_GOT) + "..." : got;
    }
}
