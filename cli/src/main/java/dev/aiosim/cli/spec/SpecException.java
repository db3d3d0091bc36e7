package dev.aiosim.cli.spec;

/**
 * A user error in a spec or a command-line flag. The message is one line, ready for the console:
 * where (file and line, or the {@code --set} flag), the field path, and what was expected.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
