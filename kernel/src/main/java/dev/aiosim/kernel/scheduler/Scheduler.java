package dev.aiosim.kernel.scheduler;

/**
 * A scheduling policy for one engine (DESIGN.md §5). One instance per engine; it owns the
 * engine's queue of waiting and preempted calls. Called by the kernel thread only; it never
 * blocks and never reads a clock or a thread: time comes in as {@code now}. Decisions should
 * cost O(log n) in queued calls.
 *
 * <p>Life of a call: {@link #enqueue} on submission; possibly {@link Decision#admit} in a later
 * {@link #decide}; while running possibly {@link Decision#preempt} or chosen as a KV
 * {@link #victim}, after which the kernel calls {@link #requeue}; finally {@link #completed}.
 */
public interface Scheduler {
    /** The policy's declaration, the same record its {@link SchedulerProvider#info()} returns. */
    PolicyInfo info();

    /** The registered policy name, used in reports and contract errors. */
    default String name() {
        return info().name();
    }

    /** Whether the policy reads true output lengths; such oracle policies are labelled so. */
    default boolean clairvoyant() {
        return info().clairvoyant();
    }

    /** A newly submitted call joins this engine's queue. */
    void enqueue(CallView call, long now);

    /** A preempted call (its snapshot taken) comes back to the queue. */
    void requeue(CallView call, long now);

    /** Number of calls in the policy's queue. */
    int queued();

    /** Decides which queued calls to admit and which running calls to preempt. */
    void decide(EngineView engine, long now, Decision decision);

    /**
     * Picks a running call to preempt because the KV pool cannot hold the next token of every
     * running call. Default: the most recently admitted call, as vLLM does.
     */
    default CallView victim(EngineView engine, long now) {
        return engine.mostRecentlyAdmitted();
    }

    /**
     * Removes a queued call whose agent gave up (live cancellation) from the policy's queue.
     * Policies that support cancellation override this; the default cannot, and the kernel then
     * refuses the cancellation loudly.
     *
     * @return whether the call was in the queue and is now removed
     */
    default boolean remove(CallView call, long now) {
        return false;
    }

    /** A running call finished (or was cancelled); policies that keep per-agent counters update them here. */
    default void completed(CallView call, long now) {}
}
