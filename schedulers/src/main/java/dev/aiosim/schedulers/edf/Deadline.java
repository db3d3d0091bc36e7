package dev.aiosim.schedulers.edf;

import dev.aiosim.kernel.scheduler.CallView;

/**
 * A call's deadline under a latency target measured from submission. A TTFT deadline is met or
 * missed once the first token is out, so a call that has generated a token no longer has one
 * ({@link Long#MAX_VALUE}): it goes after every call still waiting for its first token, and is the
 * first to give way. An end-to-end deadline holds until the call completes.
 *
 * @param ttft whether the target is time to first token (else end to end)
 * @param targetNanos the target, > 0
 */
record Deadline(boolean ttft, long targetNanos) {
    /** The call's deadline in virtual nanoseconds; {@link Long#MAX_VALUE} when it has none left. */
    long of(CallView call) {
        if (ttft && call.generatedTokens() > 0) {
            return Long.MAX_VALUE;
        }
        long d = call.submittedAt() + targetNanos;
        return d < call.submittedAt() ? Long.MAX_VALUE - 1 : d; // saturate instead of overflowing
    }

    /** Earlier deadline first; ties by submission, then call id (arrival order). */
    int compare(CallView a, CallView b) {
        int c = Long.compare(of(a), of(b));
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.submittedAt(), b.submittedAt());
        return c != 0 ? c : Long.compare(a.id(), b.id());
    }
}
