package dev.aiosim.kernel.live;

import dev.aiosim.kernel.time.EventTarget;
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
 */
public record LiveOptions(double dilation, long horizonNanos, AgentListener listener, Supplier<Inbox<EventTarget>> inbox,
                          Supplier<ResultSlot> slots, EngineFactory engines) {
    public LiveOptions {
        new VirtualClock(dilation); // validates
        if (horizonNanos <= 0) {
            throw new IllegalArgumentException("horizon must be > 0, got " + horizonNanos);
        }
    }

    /** Lock-free inbox and hand-off, emulated engines, no horizon, no listener. */
    public static LiveOptions of(double dilation) {
        return new LiveOptions(dilation, Long.MAX_VALUE, AgentListener.NONE, Mailbox::mpsc, Handoff::new,
                EngineFactory.EMULATED);
    }

    public LiveOptions withHorizon(long nanos) {
        return new LiveOptions(dilation, nanos, listener, inbox, slots, engines);
    }

    public LiveOptions withListener(AgentListener l) {
        return new LiveOptions(dilation, horizonNanos, l, inbox, slots, engines);
    }

    public LiveOptions withEngines(EngineFactory f) {
        return new LiveOptions(dilation, horizonNanos, listener, inbox, slots, f);
    }

    /** Another inbox and hand-off (benchmark baselines). */
    public LiveOptions withDispatch(Supplier<Inbox<EventTarget>> in, Supplier<ResultSlot> out) {
        return new LiveOptions(dilation, horizonNanos, listener, in, out, engines);
    }
}
