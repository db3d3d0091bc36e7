package dev.aiosim.kernel.core;

import dev.aiosim.kernel.audit.AuditEvent;
import dev.aiosim.kernel.fault.FaultCounters;
import dev.aiosim.kernel.fault.FaultInjector;
import dev.aiosim.kernel.fault.FaultPlan;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.scheduler.SchedulerContractException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Carries out an engine crash and restart for the kernel (fault injection, issue 10). On a crash
 * the engine's running calls lose their KV and its prefix cache is gone; its queued calls lose
 * their swap snapshots unless the plan keeps host swap. Every call hit waits again with a recompute
 * snapshot, on an engine that is up when the plan redispatches and one is, else on the crashed
 * engine until it restarts; calls with surviving swap snapshots always wait for the restart (their
 * bytes sit in that host's memory). A call that lost its state {@link FaultPlan#llmMaxLosses}
 * times fails. Nothing is dropped silently: every call stays in flight or ends with a record.
 */
final class CrashRecovery implements FaultInjector.Engines {
    private final Kernel k;
    private final FaultPlan plan;

    CrashRecovery(Kernel kernel, FaultPlan plan) {
        this.k = kernel;
        this.plan = plan;
    }

    @Override
    public int count() {
        return k.engines.length;
    }

    @Override
    public boolean down(int engine) {
        return k.engines[engine].down();
    }

    @Override
    public void crash(int id, long now) {
        Engine e = k.engines[id];
        FaultCounters fc = k.metrics.faults();
        List<LlmRequest> queued = new ArrayList<>();
        for (int i = 0; i < k.inFlight.size(); i++) {
            LlmRequest r = k.inFlight.get(i);
            if (r.queuedOn(e)) {
                queued.add(r);
            }
        }
        queued.sort(Comparator.comparingLong(r -> r.id));
        List<LlmRequest> running = e.runningCopy();
        e.crash();
        fc.down(id, now);
        if (k.audit.on()) {
            k.audit.record(now, AuditEvent.ENGINE_CRASHED, -1, -1, id, running.size() + " running, " + queued.size() + " queued");
        }
        List<LlmRequest> failed = new ArrayList<>();
        List<Engine> woken = new ArrayList<>();
        for (LlmRequest r : running) {
            e.dropRunning(r);
            r.lostKv(now);
            lost(r, now, "kv");
            if (failsNow(r)) {
                e.scheduler.completed(r, now);
                failed.add(r);
            } else {
                Engine to = target(e);
                if (to == e) {
                    e.scheduler.requeue(r, now); // as after a preemption: it waits with its snapshot
                } else {
                    e.scheduler.completed(r, now);
                    move(r, to, now, woken);
                }
            }
        }
        for (LlmRequest r : queued) {
            boolean lostNow = false;
            if (r.swapSnapshot() != null) {
                lostNow = true;
                if (plan.keepHostSwap()) {
                    continue; // its bytes survive in this host's memory: it waits for the restart
                }
                fc.snapshotsLost++;
                fc.snapshotBytesLost += r.swapSnapshot().bytes();
                r.lostSnapshot(now);
                lost(r, now, "swap snapshot");
            }
            boolean fails = lostNow && failsNow(r);
            Engine to = fails ? null : target(e);
            if (to == e) {
                continue; // waits in this engine's queue for the restart
            }
            if (!e.scheduler.remove(r, now)) {
                throw new SchedulerContractException(e.scheduler.name(), e.id,
                        "cannot remove queued " + r + ": recovering from an engine crash needs Scheduler.remove");
            }
            if (fails) {
                failed.add(r);
            } else {
                move(r, to, now, woken);
            }
        }
        while (e.kv.evictOne()) {
            // the prefix cache lived in the crashed GPU's memory
        }
        for (Engine w : woken) {
            k.requestStep(w);
        }
        for (LlmRequest r : failed) {
            fail(r, now);
        }
    }

    @Override
    public void restart(int id, long now) {
        Engine e = k.engines[id];
        e.restart();
        k.metrics.faults().up(id, now);
        if (k.audit.on()) {
            k.audit.record(now, AuditEvent.ENGINE_RESTARTED, -1, -1, id, null);
        }
        k.requestStep(e);
    }

    private void lost(LlmRequest r, long now, String what) {
        k.metrics.faults().callsLost++;
        if (k.audit.on()) {
            k.audit(now, AuditEvent.LOST, r, what);
        }
    }

    private boolean failsNow(LlmRequest r) {
        return plan.llmMaxLosses() > 0 && r.losses >= plan.llmMaxLosses();
    }

    /** Where a call of crashed engine {@code e} waits: an engine that is up if the plan redispatches, else {@code e}. */
    private Engine target(Engine e) {
        if (!plan.redispatch()) {
            return e;
        }
        Engine to = k.pickEngine();
        return to.down() ? e : to;
    }

    private void move(LlmRequest r, Engine to, long now, List<Engine> woken) {
        r.redispatch(to);
        to.scheduler.enqueue(r, now);
        k.metrics.faults().redispatched++;
        if (k.audit.on()) {
            k.audit(now, AuditEvent.REDISPATCHED, r, null);
        }
        if (!woken.contains(to)) {
            woken.add(to);
        }
    }

    /** Ends a call that lost its state too often: failed, its agent told. */
    private void fail(LlmRequest r, long now) {
        r.discardSnapshot();
        k.inFlight.remove(r);
        k.metrics.call(r.drop(CallStatus.FAILED));
        k.metrics.faults().llmFailed++;
        if (k.audit.on()) {
            k.audit(now, AuditEvent.FAILED, r, "lost its KV in " + r.losses + " engine crashes");
        }
        k.ended(r.agent, new SyscallResult(r.call, r.submittedAt(), now, SyscallResult.Status.FAILED, r.generatedTokens()), now);
    }
}
