package dev.aiosim.kernel.live;

import dev.aiosim.kernel.process.SyscallResult;

/**
 * How a kernel completion reaches the agent thread parked in its syscall. The live kernel uses
 * the lock-free {@link Handoff}; benchmarks plug a lock-and-condition one in to compare.
 */
public interface ResultSlot {
    /** Binds the thread that will await (the agent's), before its first syscall. */
    void bind(Thread waiter);

    /** Delivers a result and wakes the waiter; kernel thread. */
    void complete(SyscallResult result);

    /** Blocks until a result is delivered and takes it; the bound thread. */
    SyscallResult await() throws InterruptedException;
}
