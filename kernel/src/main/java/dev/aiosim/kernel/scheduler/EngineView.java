package dev.aiosim.kernel.scheduler;

import java.util.List;

/** What a policy may know about the engine it schedules: its batch, free slots and free KV. */
public interface EngineView {
    int id();

    /** Maximum number of running calls (max batch). */
    int slots();

    /** Running calls in admission order (oldest first). */
    List<? extends CallView> running();

    default int freeSlots() {
        return slots() - running().size();
    }

    /** KV capacity in tokens. */
    long kvCapacityTokens();

    /**
     * KV tokens free after reserving room for the token each running call produces in the next
     * step; admitting call {@code c} needs {@link #kvNeeded(CallView)} of them.
     */
    long freeKvTokens();

    /**
     * KV tokens a waiting call needs to be admitted: its context plus the token it will produce
     * (with a prefix cache, less its blocks that running calls already reference). For a running
     * call: the KV tokens preempting it surely gives back.
     */
    default long kvNeeded(CallView call) {
        return call.contextTokens() + 1L;
    }

    /** The running call admitted last, or null when none runs: vLLM's default victim. */
    default CallView mostRecentlyAdmitted() {
        List<? extends CallView> r = running();
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    /**
     * How long this engine would take to prefill a prompt of {@code tokens} tokens alone in a step
     * (its cost model's estimate; no decodes, no prefix hits): the "first iteration time" that
     * FastServe's skip-join MLFQ places a new call by. Default 0 (unknown).
     */
    default long prefillNanos(int tokens) {
        return 0;
    }
}
