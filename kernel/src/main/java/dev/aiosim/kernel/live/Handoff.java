package dev.aiosim.kernel.live;

import dev.aiosim.kernel.process.SyscallResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The completion hand-off between the kernel thread and one parked agent: the kernel
 * {@link #complete}s the agent's syscall, which unparks the agent blocked in {@link #await}. One
 * slot, reused for every syscall of the agent: the agent submits its next syscall only after it
 * took the previous result, so at most one result is ever pending.
 */
public final class Handoff implements ResultSlot {
    private static final int SPINS = 64;
    private static final int YIELDS = 8;
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Handoff.class, "value", SyscallResult.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile SyscallResult value;
    private volatile Thread waiter;

    /** Binds the thread that will await (the agent's); before its first syscall. */
    @Override
    public void bind(Thread t) {
        waiter = t;
    }

    /** Delivers a result and wakes the waiter; kernel thread. */
    @Override
    public void complete(SyscallResult result) {
        value = result;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Whether a result waits to be taken. */
    public boolean pending() {
        return value != null;
    }

    /** The pending result, taken, or {@code null} if none yet; waiter thread. */
    public SyscallResult poll() {
        return value == null ? null : (SyscallResult) VALUE.getAndSet(this, (SyscallResult) null);
    }

    /**
     * Blocks the calling (bound) thread until a result is delivered and takes it.
     *
     * @throws InterruptedException if the thread is interrupted while waiting (result left pending)
     */
    @Override
    public SyscallResult await() throws InterruptedException {
        Thread me = Thread.currentThread();
        if (waiter != me) {
            waiter = me; // a caller may move to another thread between calls (e.g. a thread pool)
        }
        SyscallResult r;
        for (int i = 0; i < SPINS; i++) {
            if ((r = poll()) != null) {
                return r;
            }
            Thread.onSpinWait();
        }
        // with more threads than cores, giving the core away lets the kernel thread answer
        // before this thread pays for a park and an unpark
        for (int i = 0; i < YIELDS; i++) {
            if ((r = poll()) != null) {
                return r;
            }
            Thread.yield();
        }
        while ((r = poll()) == null) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a syscall result");
            }
            LockSupport.park(this);
        }
        return r;
    }
}
