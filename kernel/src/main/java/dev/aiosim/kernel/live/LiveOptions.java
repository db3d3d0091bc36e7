package dev.aiosim.kernel.live;

import dev.aiosim.kernel.fault.FaultPlan;
import dev.aiosim.kernel.time.EventTarget;
import dev.aiosim.kernel.time.NanoClock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a live run is set up.
 *
 * @param dilation virtual nanoseconds per wall nanosecond (100 = 100x faster than model time)
 * @param horizonNanos virtual time at which the run stops, Long.MAX_VALUE for none
 * @param listener hears of every agent once it ended (the recorded trace)
 * @param inbox makes the kernel's inbox
 * @param slots makes each agent's result hand-off
 * @param engines makes the engines
 * @param idle makes the kernel thread's idle strategy (what it does when it has nothing to do)
 * @param wall the wall clock the run's {@link VirtualClock} reads (a hand-moved one in tests)
 * @param faults engine crashes and tool failures to inject, null for none
 * @param faultSeed seeds the fault plan's random draws
 */
public record LiveOptions(double dilation, long horizonNanos, AgentListener listener, Supplier<Inbox<EventTarget>> inbox,
                          Supplier<ResultSlot> slots, EngineFactory engines, Supplier<IdleStrategy> idle, NanoClock wall,
                          FaultPlan faults, long faultSeed) {
    public LiveOptions {
        VirtualClock.checkDilation(dilation);
        if (horizonNanos <= 0) {
            throw new IllegalArgumentException("horizon must be > 0, got " + horizonNanos);
        }
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(wall, "wall");
    }

    /**
     * Lock-free inbox and hand-off, emulated engines, back-off idling, the system clock, no
     * horizon, no listener.
     */
    public static LiveOptions of(double dilation) {
        return new LiveOptions(dilation, Long.MAX_VALUE, AgentListener.NONE, Mailbox::mpsc, Handoff::new,
                EngineFactory.EMULATED, IdleStrategy::backoff, NanoClock.SYSTEM, null, 0);
    }

    public LiveOptions withHorizon(long nanos) {
        return new LiveOptions(dilation, nanos, listener, inbox, slots, engines, idle, wall, faults, faultSeed);
    }

    public LiveOptions withListener(AgentListener l) {
        return new LiveOptions(dilation, horizonNanos, l, inbox, slots, engines, idle, wall, faults, faultSeed);
    }

    public LiveOptions withEngines(EngineFactory f) {
        return new LiveOptions(dilation, horizonNanos, listener, inbox, slots, f, idle, wall, faults, faultSeed);
    }

    /** Another inbox and hand-off (benchmark baselines). */
    public LiveOptions withDispatch(Supplier<Inbox<EventTarget>> in, Supplier<ResultSlot> out) {
        return new LiveOptions(dilation, horizonNanos, listener, in, out, engines, idle, wall, faults, faultSeed);
    }

    /** Another idle strategy for the kernel thread, e.g. {@code () -> IdleStrategy.parking(1_000_000)}. */
    public LiveOptions withIdle(Supplier<IdleStrategy> s) {
        return new LiveOptions(dilation, horizonNanos, listener, inbox, slots, engines, s, wall, faults, faultSeed);
    }

    /** Another wall clock (tests move one by hand). */
    public LiveOptions withWallClock(NanoClock c) {
        return new LiveOptions(dilation, horizonNanos, listener, inbox, slots, engines, idle, c, faults, faultSeed);
    }

    /**
     * Injects {@code plan}'s faults on the kernel thread, as a simulated run does; the crash
     * times are virtual, so they come {@code dilation} times sooner in wall time.
     */
    public LiveOptions withFaults(FaultPlan plan, long seed) {
        return new LiveOptions(dilation, horizonNanos, listener, inbox, slots, engines, idle, wall, Objects.requireNonNull(plan, "plan"), seed);
    }
}
