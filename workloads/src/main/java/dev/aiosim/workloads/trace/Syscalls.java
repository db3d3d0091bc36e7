package dev.aiosim.workloads.trace;

import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the syscalls an agent's program issues, without a kernel. Exists so that any trace source
 * can be inspected or converted through the {@link dev.aiosim.kernel.process.AgentSource} SPI
 * alone.
 *
 * <p>The program is driven with synthetic results: every syscall {@code COMPLETED} at time 0,
 * an LLM call having generated {@link LlmCall#tokensToGenerate()} tokens. For trace programs,
 * whose next syscall does not depend on results, the list is exact. A generated program (ReAct)
 * yields the sequence it would produce if every call completed as asked; a program that reads
 * result times would see zeros. Driving a program consumes it: unroll a fresh agent, not one that
 * is about to run.
 */
public final class Syscalls {
    /** Guard against programs that never end. */
    public static final int MAX_SYSCALLS = 10_000_000;

    private Syscalls() {}

    /** Every syscall of the agent's program, in order. */
    public static List<Syscall> unroll(AgentProcess agent) {
        return unroll(agent.program(), "agent " + agent.pid());
    }

    /** Every syscall of a program, in order; {@code what} names it in errors. */
    public static List<Syscall> unroll(Program program, String what) {
        List<Syscall> calls = new ArrayList<>();
        for (Syscall s = program.next(null); s != null; s = program.next(completed(s))) {
            if (calls.size() == MAX_SYSCALLS) {
                throw new IllegalStateException(what + " issued more than " + MAX_SYSCALLS + " syscalls; is its program endless?");
            }
            calls.add(s);
        }
        return calls;
    }

    /** The synthetic result the unrolling feeds back: completed at time 0, all asked tokens generated. */
    public static SyscallResult completed(Syscall call) {
        int out = call instanceof LlmCall l ? l.tokensToGenerate() : 0;
        return new SyscallResult(call, 0, 0, SyscallResult.Status.COMPLETED, out);
    }
}
