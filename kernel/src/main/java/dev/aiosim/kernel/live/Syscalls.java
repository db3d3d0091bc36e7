package dev.aiosim.kernel.live;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;

/**
 * The blocking system-call interface a live agent's thread sees: each call posts the syscall to
 * the kernel's inbox and parks the (virtual) thread until the kernel hands back its result.
 * Interrupting the thread while it waits cancels the call and ends the agent.
 */
public interface Syscalls {
    /** Issues {@code syscall} and waits for its result. */
    SyscallResult call(Syscall syscall) throws InterruptedException;

    default SyscallResult llm(int promptTokens, int outputTokens) throws InterruptedException {
        return call(new LlmCall(promptTokens, outputTokens));
    }

    default SyscallResult tool(String name, long latencyNanos) throws InterruptedException {
        return call(new ToolCall(name, latencyNanos));
    }

    default SyscallResult memory(long latencyNanos) throws InterruptedException {
        return call(new MemoryCall("read", latencyNanos));
    }

    default SyscallResult storage(long latencyNanos) throws InterruptedException {
        return call(new StorageCall("read", latencyNanos));
    }
}
