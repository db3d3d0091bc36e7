package dev.aiosim.workloads.program;

/** Checks shared by the programs. */
final class Programs {
    private Programs() {}

    /** A token count as an int, or a clear error when a drawn history outgrows one. */
    static int tokens(long n, String what) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException(what + " of " + n + " tokens does not fit an int");
        }
        return (int) n;
    }
}
