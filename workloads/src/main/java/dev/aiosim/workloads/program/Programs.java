package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;

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

    /**
     * Checks that the kernel drives a program as the contract says: {@code null} only to start it,
     * and afterwards the result of exactly the syscall it issued last.
     *
     * @param last the syscall issued last, or null before the first
     * @throws IllegalStateException when the program is started twice or handed another call's result
     */
    static void checkResult(SyscallResult previous, Syscall last) {
        if (previous == null) {
            if (last != null) {
                throw new IllegalStateException("program started twice");
            }
        } else if (last == null || !previous.call().equals(last)) {
            throw new IllegalStateException("result for " + previous.call() + " but the last syscall was "
                    + (last == null ? "none" : last));
        }
    }
}
