package dev.aiosim.kernel.resource;

import dev.aiosim.kernel.time.EventTarget;
import dev.aiosim.kernel.time.Timer;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
import java.util.ArrayDeque;

/**
 * A FIFO server with a concurrency limit: tools, agent memory or storage. A request starts when a
 * place is free and holds it for its own latency; completions go to the kernel's callback.
 *
 * @param <R> the request type, carrying its latency
 */
public final class Resource<R extends Resource.Request> {
    /**
     * A request to a resource. It is its own completion event: when it fires it must call
     * {@link Resource#complete} on the resource it was submitted to (one object per request, no
     * wrapper, since every tool call goes through here).
     */
    public interface Request extends EventTarget {
        long latencyNanos();
    }

    /** Receives a completed request and the completion time. */
    @FunctionalInterface
    public interface Done<R> {
        void done(R request, long now);
    }

    private final String name;
    private final int limit;
    private final Timer timer;
    private final Done<R> done;
    private final ArrayDeque<R> queue = new ArrayDeque<>();
    private int busy;
    private long served;

    /**
     * @param name resource name for reports
     * @param limit concurrent requests served, 0 for unlimited
     * @param timer where completion events are scheduled
     * @param done called on the kernel thread when a request completes
     */
    public Resource(String name, int limit, Timer timer, Done<R> done) {
        if (limit < 0) {
            throw new IllegalArgumentException(name + ": concurrency limit must be >= 0 (0 = unlimited), got " + limit);
        }
        this.name = name;
        this.limit = limit;
        this.timer = timer;
        this.done = done;
    }

    public void submit(R request, long now) {
        if (limit == 0 || busy < limit) {
            start(request, now);
        } else {
            queue.add(request);
        }
    }

    private void start(R request, long now) {
        busy++;
        long end;
        try {
            end = Math.addExact(now, request.latencyNanos());
        } catch (ArithmeticException e) {
            throw new VirtualTimeOverflow("the end of a " + name + " call of " + request.latencyNanos()
                    + " ns started at " + now + " ns");
        }
        timer.at(end, request);
    }

    /** Called by a request's event when its latency has passed. */
    public void complete(R request, long now) {
        busy--;
        served++;
        R next = queue.poll();
        if (next != null) {
            start(next, now);
        }
        done.done(request, now);
    }

    public String name() {
        return name;
    }

    public int busy() {
        return busy;
    }

    public int queued() {
        return queue.size();
    }

    public long served() {
        return served;
    }
}
