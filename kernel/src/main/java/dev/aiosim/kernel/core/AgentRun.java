package dev.aiosim.kernel.core;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.AgentServiceCounts;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.function.Consumer;

/**
 * The kernel's bookkeeping for one agent process that has arrived. Outside this package it is an
 * opaque handle, which a live runtime holds for each {@link Kernel#attach attached} agent.
 */
public final class AgentRun {
    final AgentProcess process;
    final long arrivalAt;
    int llmCalls;
    int otherCalls;
    long waitingNanos;
    long serviceTokens;
    /** Engine time (in a slot) of its completed LLM calls, on every engine: Autellix's attained service. */
    long serviceNanos;
    /** Time its completed LLM calls spent queued (every wait, preemptions included). */
    long queuedNanos;
    /** The longest chain of service through its completed calls: a fan-out adds its longest child only (ATLAS). */
    long criticalPathNanos;
    /** Fan-outs begun so far; the current one's id is this minus one. */
    int fanOuts;
    /** The longest service of a completed LLM child of the fan-out in flight. */
    private long fanOutLongestNanos;
    int aliveIndex = -1;
    /** The fan-out whose children are in flight, or null. */
    private FanOut fanOut;
    private long fanOutAt;
    private int fanOutPending;
    private boolean fanOutFailed;
    private long fanOutTokens;
    /** Where results go for an attached agent; {@code null} when the kernel pulls its program. */
    Consumer<SyscallResult> results;
    boolean cancelled;
    /** Agent-OS service counts: denied calls, memory hits and misses, context page-outs. */
    int denied;
    long memoryHits;
    long memoryMisses;
    int pageOuts;
    /** Whether its record carries the service counts (the run reports them). */
    boolean reportServices;
    /** The call being paged out to fit the context window, or null. */
    PageChain paging;

    AgentRun(AgentProcess process, long arrivalAt) {
        this.process = process;
        this.arrivalAt = arrivalAt;
    }

    /** True while the children of a fan-out are in flight: their results are joined, not passed on. */
    boolean inFanOut() {
        return fanOut != null;
    }

    /** Starts waiting for every child of {@code f}, issued at {@code now}. */
    void beginFanOut(FanOut f, long now) {
        if (fanOut != null) {
            throw new InvariantViolation("agent " + process.pid() + " started a fan-out while another is in flight");
        }
        fanOut = f;
        fanOutAt = now;
        fanOutPending = f.calls().size();
        fanOutFailed = false;
        fanOutTokens = 0;
        fanOutLongestNanos = 0;
        fanOuts++;
    }

    /** The id (per agent, from 0) of the fan-out in flight, or -1. */
    long fanOutId() {
        return fanOut == null ? -1 : fanOuts - 1;
    }

    /** Children of the fan-out in flight, or 0. */
    int fanOutSize() {
        return fanOut == null ? 0 : fanOut.calls().size();
    }

    /** An LLM call of this agent completed after {@code nanos} in a slot; {@code fanOutChild} if it belongs to the fan-out in flight. */
    void served(long nanos, long queued, boolean fanOutChild) {
        serviceNanos += nanos;
        queuedNanos += queued;
        if (fanOutChild) {
            fanOutLongestNanos = Math.max(fanOutLongestNanos, nanos);
        } else {
            criticalPathNanos += nanos;
        }
    }

    /**
     * One child of the current fan-out ended.
     *
     * @return the fan-out's joined result when this was the last child, else null
     */
    SyscallResult childEnded(SyscallResult child, long now) {
        if (!child.ok()) {
            fanOutFailed = true;
        }
        fanOutTokens += child.outputTokens();
        if (--fanOutPending > 0) {
            return null;
        }
        FanOut f = fanOut;
        fanOut = null;
        criticalPathNanos += fanOutLongestNanos; // parallel children: the longest one is on the critical path
        return new SyscallResult(f, fanOutAt, now,
                fanOutFailed ? SyscallResult.Status.REJECTED : SyscallResult.Status.COMPLETED,
                (int) Math.min(fanOutTokens, Integer.MAX_VALUE));
    }

    /** The agent's pid. */
    public long pid() {
        return process.pid();
    }

    AgentRecord record(long finishedAt) {
        return new AgentRecord(process.pid(), process.name(), process.priority(), process.weight(), arrivalAt,
                finishedAt, llmCalls, otherCalls, waitingNanos, serviceTokens,
                !reportServices ? null : (denied | memoryHits | memoryMisses | pageOuts) == 0 ? AgentServiceCounts.NONE
                        : new AgentServiceCounts(denied, memoryHits, memoryMisses, pageOuts));
    }
}
