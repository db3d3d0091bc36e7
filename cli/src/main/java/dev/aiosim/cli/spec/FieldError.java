package dev.aiosim.cli.spec;

/**
 * A problem with one field of a spec, before it is placed in a file and line.
 * Thrown by validation; {@link SpecLoader} turns it into a {@link SpecException}.
 */
public final class FieldError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    /**
     * @param path dotted field path, e.g. {@code cluster.max-batch} or {@code schedulers[1].quantum}
     * @param message what was expected
     */
    public FieldError(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
