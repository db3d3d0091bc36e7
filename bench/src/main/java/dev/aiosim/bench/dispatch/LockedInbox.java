package dev.aiosim.bench.dispatch;

import dev.aiosim.kernel.live.IdleStrategy;
import dev.aiosim.kernel.live.Inbox;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The baseline inbox: a lock-based {@link LinkedBlockingQueue} whose consumer blocks in a timed
 * take when it is empty, as AIOS's scheduler threads block on Python's {@code queue.Queue}. Only
 * for comparison with the lock-free {@link dev.aiosim.kernel.live.Mailbox}.
 *
 * @param <T> message type
 */
public final class LockedInbox<T> implements Inbox<T> {
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private T taken; // consumer only: a message the blocking take returned, handed out by the next drain

    @Override
    public void bindConsumer(Thread consumer) {
        // the queue's lock and condition wake the consumer
    }

    @Override
    public void offer(T message) {
        queue.add(message);
    }

    @Override
    public int drain(Consumer<T> handler, int limit) {
        int n = 0;
        if (taken != null) {
            T t = taken;
            taken = null;
            handler.accept(t);
            n++;
        }
        T m;
        while (n < limit && (m = queue.poll()) != null) {
            handler.accept(m);
            n++;
        }
        return n;
    }

    /** Blocks in a timed take (no spinning), as a lock-based dispatcher does. */
    @Override
    public void idle(IdleStrategy idle, long parkNanos) {
        try {
            taken = queue.poll(Math.max(1, parkNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
