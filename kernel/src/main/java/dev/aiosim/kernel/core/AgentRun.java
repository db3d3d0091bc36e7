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
