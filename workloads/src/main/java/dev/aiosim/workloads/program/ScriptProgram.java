package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.List;
import java.util.Objects;

/**
 * Replays a fixed list of syscalls closed-loop: the first when the agent starts, each next one
 * when the previous one has ended. Exists because recorded agent sessions (TraceLab,
 * LLMServingSim sessions, aiosim's own JSONL) are scripts of calls and tool gaps whose timing
 * must follow the simulated service, not the recorded timestamps.
 *
 * <p>A syscall that ends {@link SyscallResult.Status#REJECTED} does not end the agent: the script
 * goes on with the next syscall, so the replayed session keeps its recorded shape and every
 * later call is still offered to the kernel (the rejection is counted where the kernel counts
 * rejections). This differs from {@link ReactProgram}, whose later prompts are built from earlier
 * outputs and so have nothing to continue from.
 */
public final class ScriptProgram implements Program {
    private final List<Syscall> script;
    private int issued;

    /** @param script the syscalls in order; may be empty (the agent ends at once) */
    public ScriptProgram(List<Syscall> script) {
        this.script = List.copyOf(Objects.requireNonNull(script, "script"));
    }

    /** The syscalls this program issues, in order. */
    public List<Syscall> script() {
        return script;
    }

    @Override
    public Syscall next(SyscallResult previous) {
        Programs.checkResult(previous, issued == 0 ? null : script.get(issued - 1));
        if (issued == script.size()) {
            return null;
        }
        return script.get(issued++);
    }
}
