package dev.aiosim.kernel.live;

import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;
import org.jctools.queues.varhandle.SpscUnboundedVarHandleArrayQueue;

/**
 * A lock-free queue with one consumer thread that may sleep: producers {@link #offer} (never
 * block) and unpark the consumer if it announced it sleeps; the consumer drains, and when empty
 * idles with an {@link IdleStrategy}. The kernel's inbox is the MPSC flavour; the emulated
 * engines' step queue the SPSC one. The consumer parks with a bounded timeout, so a wake-up lost to a
 * race costs latency, never liveness.
 *
 * @param <T> message type
 */
public final class Mailbox<T> implements Inbox<T> {
    private final MessagePassingQueue<T> queue;
    private volatile Thread consumer;
    private volatile boolean sleeping;

    private Mailbox(MessagePassingQueue<T> queue) {
        this.queue = queue;
    }

    /** Many producers, one consumer (the kernel's inbox). */
    public static <T> Mailbox<T> mpsc() {
        return new Mailbox<>(new MpscUnboundedVarHandleArrayQueue<>(1024));
    }

    /** One producer, one consumer. */
    public static <T> Mailbox<T> spsc() {
        return new Mailbox<>(new SpscUnboundedVarHandleArrayQueue<>(64));
    }

    @Override
    public void bindConsumer(Thread t) {
        consumer = t;
    }

    /** Adds a message; any thread (one thread for the SPSC flavour). */
    @Override
    public void offer(T message) {
        queue.offer(message);
        if (sleeping) {
            Thread c = consumer;
            if (c != null) {
                LockSupport.unpark(c);
            }
        }
    }

    /** Next message or {@code null}; consumer only. */
    public T poll() {
        return queue.poll();
    }

    /** Hands up to {@code limit} messages to {@code handler}; consumer only. */
    @Override
    public int drain(java.util.function.Consumer<T> handler, int limit) {
        return queue.drain(handler::accept, limit);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** One idle round of the consumer, announcing sleep around a park; consumer only. */
    @Override
    public void idle(IdleStrategy idle, long parkNanos) {
        if (!idle.willPark()) {
            idle.idle(parkNanos);
            return;
        }
        sleeping = true;
        try {
            if (queue.isEmpty()) {
                idle.idle(parkNanos);
            }
        } finally {
            sleeping = false;
        }
    }
}
