package dev.aiosim.kernel.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy's answer for one engine at one step boundary: calls to preempt and calls to admit.
 * It tracks the slot and KV budget as the policy fills it, so a policy can ask
 * {@link #canAdmit(CallView)} before admitting. The kernel re-checks everything and rejects an
 * impossible decision with an exception naming the policy. Reused across steps by the kernel.
 */
public final class Decision {
    private final List<CallView> admit = new ArrayList<>();
    private final List<CallView> preempt = new ArrayList<>();
    private EngineView engine;
    private int slotsLeft;
    private long kvLeft;

    /** Starts a new decision for {@code engine}; called by the kernel before each decide. */
    public void reset(EngineView engine) {
        this.engine = engine;
        admit.clear();
        preempt.clear();
        slotsLeft = engine.freeSlots();
        kvLeft = engine.freeKvTokens();
    }

    public int slotsLeft() {
        return slotsLeft;
    }

    public long kvLeft() {
        return kvLeft;
    }

    /** Whether {@code call} fits in the slots and KV left by this decision so far. */
    public boolean canAdmit(CallView call) {
        return slotsLeft > 0 && engine.kvNeeded(call) <= kvLeft;
    }

    /** Admits a waiting call; the policy must have removed it from its own queue. */
    public void admit(CallView call) {
        admit.add(call);
        slotsLeft--;
        kvLeft -= engine.kvNeeded(call);
    }

    /** Preempts a running call; the kernel snapshots it and hands it back via requeue. */
    public void preempt(CallView call) {
        preempt.add(call);
        slotsLeft++;
        kvLeft += engine.kvNeeded(call);
    }

    /** True if {@code call} is already marked for preemption in this decision. */
    public boolean preempts(CallView call) {
        return preempt.contains(call);
    }

    public List<CallView> admissions() {
        return admit;
    }

    public List<CallView> preemptions() {
        return preempt;
    }
}
