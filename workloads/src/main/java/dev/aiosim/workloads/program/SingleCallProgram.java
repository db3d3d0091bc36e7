package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.Objects;

/**
 * An agent that makes one LLM call and ends: a chat request, or one row of a request-level trace
 * such as Azure's. Exists because most public LLM traces record requests, not agents.
 */
public final class SingleCallProgram implements Program {
    private final LlmCall call;
    private boolean issued;

    public SingleCallProgram(LlmCall call) {
        this.call = Objects.requireNonNull(call, "call");
    }

    /** The call this program makes. */
    public LlmCall call() {
        return call;
    }

    @Override
    public Syscall next(SyscallResult previous) {
        if (issued) {
            return null;
        }
        issued = true;
        return call;
    }
}
