package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.PageOut;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.Objects;

/**
 * A program with a {@code page-out} option other than fail: the same syscalls, and what the
 * kernel does when one of them would exceed the model's context window.
 *
 * @param program the program
 * @param pageOut its page-out
 */
public record PagedProgram(Program program, PageOut pageOut) implements Program {
    public PagedProgram {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(pageOut, "pageOut");
    }

    @Override
    public Syscall next(SyscallResult previous) {
        return program.next(previous);
    }
}
