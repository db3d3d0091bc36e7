package dev.aiosim.kernel.process;

/**
 * What an agent does: a generator of syscalls, one at a time. The next syscall may depend on the
 * result of the last one (a ReAct loop, a replayed session); a {@link FanOut} issues several at
 * once and returns one joined result. Programs are driven by the kernel thread only and must be
 * deterministic given their own seeded randomness.
 */
@FunctionalInterface
public interface Program {
    /**
     * @param previous result of the previous syscall, or {@code null} when the agent starts
     * @return the next syscall, or {@code null} when the agent is done
     */
    Syscall next(SyscallResult previous);

    /**
     * What the kernel does when one of this program's LLM calls would not fit the model's context
     * window; {@link PageOut#FAIL} unless the program says otherwise.
     */
    default PageOut pageOut() {
        return PageOut.FAIL;
    }
}
