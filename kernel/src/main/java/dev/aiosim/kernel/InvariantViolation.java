package dev.aiosim.kernel;

/** A kernel invariant (DESIGN.md §10) does not hold: a bug in the kernel or a policy. */
public final class InvariantViolation extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvariantViolation(String message) {
        super("invariant violated: " + message);
    }
}
