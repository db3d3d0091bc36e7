package dev.aiosim.kernel.live;

import java.util.function.Consumer;

/**
 * Where messages for one consumer thread (the kernel's) arrive from many producers. The live
 * kernel uses the lock-free {@link Mailbox}; benchmarks plug a lock-based queue in here to compare.
 *
 * @param <T> message type
 */
public interface Inbox<T> {
    /** Binds the consumer thread, before it idles the first time. */
    void bindConsumer(Thread consumer);

    /** Adds a message; never blocks; any thread. */
    void offer(T message);

    /** Hands up to {@code limit} messages to {@code handler}; consumer only. */
    int drain(Consumer<T> handler, int limit);

    /** One idle round of the consumer after it found nothing, waiting at most {@code parkNanos}. */
    void idle(IdleStrategy idle, long parkNanos);
}
