package dev.aiosim.workloads.trace;

import java.util.Locale;

/** What a trace reader does with a row it cannot read; exists so the choice is explicit and visible. */
public enum OnBadRow {
    /** Stop with a {@link TraceFormatException} naming file, line and field (the default). */
    FAIL,
    /** Skip the row and count it in {@code AgentSource.skippedRows()}. */
    SKIP;

    /** {@code fail} or {@code skip}, case-insensitive. */
    public static OnBadRow parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "fail" -> {
                    return FAIL;
                }
                case "skip" -> {
                    return SKIP;
                }
                default -> { }
            }
        }
        throw new IllegalArgumentException("expected one of fail, skip, got " + (text == null ? "nothing" : "'" + text + "'"));
    }

    /** The name as written in specs and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
