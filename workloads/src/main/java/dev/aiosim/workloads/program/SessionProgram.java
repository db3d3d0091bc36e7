package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.List;

/**
 * Replays a fixed list of syscalls closed-loop: the next one is issued when the previous one
 * completed. Exists for traces that record whole agent sessions (rounds of LLM calls with tool
 * gaps), where the sequence is known in advance and does not depend on results. A syscall that
 * does not complete (rejected) ends the agent, as a real session would stop.
 */
public final class SessionProgram implements Program {
    private final List<Syscall> syscalls;
    private int next;
    private boolean finished;

    /** @param syscalls the syscalls in the order they are issued; may be empty */
    public SessionProgram(List<Syscall> syscalls) {
        this.syscalls = List.copyOf(syscalls);
    }

    /** The syscalls this program issues if none is rejected, in order. */
    public List<Syscall> syscalls() {
        return syscalls;
    }

    @Override
    public Syscall next(SyscallResult previous) {
        if (finished) {
            return null;
        }
        if (previous == null && next > 0) {
            throw new IllegalStateException("program started twice");
        }
        if (previous != null && !previous.ok()) {
            finished = true;
            return null;
        }
        if (next == syscalls.size()) {
            finished = true;
            return null;
        }
        return syscalls.get(next++);
    }
}
