package dev.aiosim.kernel.core;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.ArrayDeque;
import java.util.List;

/**
 * An LLM call the kernel pages out to fit the context window on its program's behalf: the steps
 * that replace it (a summary call, its write to memory, the shortened call; or just the shortened
 * call), run one after the other. The program hears once, when the last step ends (or the first
 * that fails), with a result for the call it issued.
 */
final class PageChain {
    private final LlmCall original;
    private final long submittedAt;
    private final ArrayDeque<Syscall> rest;

    /** @param rest the steps after the first one, which the kernel submits itself */
    PageChain(LlmCall original, long submittedAt, List<Syscall> rest) {
        this.original = original;
        this.submittedAt = submittedAt;
        this.rest = new ArrayDeque<>(rest);
    }

    /** A step ended: the next one to submit, or null when the chain is over (done, or the step failed). */
    Syscall next(SyscallResult step) {
        return step.ok() ? rest.poll() : null;
    }

    /** The program's result for its call: from its submission to the end of the last step, as that step ended. */
    SyscallResult result(SyscallResult last) {
        return new SyscallResult(original, submittedAt, last.completedAt(), last.status(), last.outputTokens());
    }
}
