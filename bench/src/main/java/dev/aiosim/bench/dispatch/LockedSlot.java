package dev.aiosim.bench.dispatch;

import dev.aiosim.kernel.live.ResultSlot;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The baseline completion hand-off: a {@link ReentrantLock} and {@link Condition} per agent, as a
 * lock-based dispatcher wakes the thread waiting for a response (AIOS agents wait on a thread
 * event). Only for comparison with the lock-free {@link dev.aiosim.kernel.live.Handoff}.
 */
public final class LockedSlot implements ResultSlot {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private SyscallResult value;

    @Override
    public void bind(Thread waiter) {
        // the condition knows its waiters
    }

    @Override
    public void complete(SyscallResult result) {
        lock.lock();
        try {
            value = result;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SyscallResult await() throws InterruptedException {
        lock.lock();
        try {
            while (value == null) {
                ready.await();
            }
            SyscallResult r = value;
            value = null;
            return r;
        } finally {
            lock.unlock();
        }
    }
}
