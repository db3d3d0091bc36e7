package dev.aiosim.kernel.live;

/** What a live agent does on its virtual thread, calling the kernel through {@link Syscalls}. */
@FunctionalInterface
public interface AgentBody {
    void run(Syscalls os) throws InterruptedException;
}
