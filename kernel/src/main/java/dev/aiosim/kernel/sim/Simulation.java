package dev.aiosim.kernel.sim;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.core.Engine;
import dev.aiosim.kernel.core.Kernel;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.time.Timer;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.time.EventTarget;
import dev.aiosim.kernel.time.WakeupQueue;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * One run in simulated time: pulls agent arrivals from a source one ahead, feeds them and every
 * scheduled wake-up to the kernel in (time, sequence) order, and stops when nothing is left or
 * the horizon is reached. Checks that virtual time never goes back.
 */
public final class Simulation implements Timer {
    private static final int PROGRESS_EVERY = 1 << 16;
    private static final int STOP_CHECK_EVERY = 1 << 10;

    private final WakeupQueue queue = new WakeupQueue(1024);

    private final Kernel kernel;
    private final RunMetrics metrics;
    private final AgentSource source;
    private final long horizon;
    private final LongConsumer progress;
    private long now;
    private long events;
    private AgentArrival pending;
    private final EventTarget arrivalTarget = this::onArrival;
    private final ArrayDeque<EventTarget> deferred = new ArrayDeque<>();
    private volatile boolean stopRequested;
    private boolean stopped;
    private final MetricsSink sink;
    private long sampleInterval;
    private long nextSample = Long.MAX_VALUE; // none
    private Engine[] sampled;
    private int daemonsQueued;

    /**
     * @param config cluster and resources
     * @param schedulers one policy instance per engine
     * @param source agent arrivals in time order
     * @param sink receives call and agent rows
     * @param slo objectives for goodput
     * @param horizonNanos stop time (events after it are not processed), Long.MAX_VALUE for none
     * @param progress called now and then with the current virtual time, may be null
     */
    public Simulation(KernelConfig config, SchedulerFactory schedulers, AgentSource source, MetricsSink sink, Slo slo,
                      long horizonNanos, LongConsumer progress) {
        this.sink = sink;
        this.metrics = new RunMetrics(sink, slo);
        this.kernel = new Kernel(config, schedulers, metrics, this);
        this.source = source;
        this.horizon = horizonNanos;
        this.progress = progress;
    }

    /**
     * Samples every engine's queue, batch and KV use every {@code intervalNanos} of virtual time
     * (at 0, interval, 2 x interval, ... up to the end of the run) into the sink's
     * {@link MetricsSink#sample}; 0 takes none. A sample at time s shows the state after every
     * event up to and including s. Of a stretch of samples between two events in which every
     * engine is idle, only the first and the last are written. Sampling reads state between events and schedules nothing,
     * so the run's events, order and results are those of a run without it.
     *
     * @return this simulation
     * @throws IllegalArgumentException for a negative interval
     */
    public Simulation sampleEvery(long intervalNanos) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("sample interval: expected >= 0 ns, got " + intervalNanos);
        }
        this.sampleInterval = intervalNanos;
        this.nextSample = intervalNanos == 0 ? Long.MAX_VALUE : 0;
        this.sampled = kernel.engines().toArray(new Engine[0]);
        return this;
    }

    /**
     * Emits the samples due at times up to {@code last} (inclusive), in time order. No event falls
     * between them, so they all show one state. When every engine is idle (nothing queued or
     * running), only the first and the last of them are written: an idle cluster between two
     * far-apart events (a long tool call, a sparse arrival process) would otherwise write a row
     * per interval for nothing, and the cost is bounded by the events, not by virtual time.
     */
    private void sampleThrough(long last) {
        if (nextSample > last || nextSample == Long.MAX_VALUE) {
            return;
        }
        if (idle()) {
            long due = (last - nextSample) / sampleInterval; // samples after the first
            emit(nextSample);
            if (due > 0) {
                emit(nextSample + due * sampleInterval);
            }
            advance(nextSample + due * sampleInterval);
            return;
        }
        while (nextSample <= last && nextSample != Long.MAX_VALUE) {
            emit(nextSample);
            advance(nextSample);
        }
    }

    private boolean idle() {
        for (Engine e : sampled) {
            if (e.scheduler().queued() > 0 || !e.running().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void emit(long time) {
        for (Engine e : sampled) {
            sink.sample(time, e.id(), e.scheduler().queued(), e.running().size(), e.kvUsed(), e.kvCapacityTokens());
        }
    }

    /** The next sample after the one at {@code done}. */
    private void advance(long done) {
        nextSample = done > Long.MAX_VALUE - sampleInterval ? Long.MAX_VALUE : done + sampleInterval;
    }

    /** Runs to the end and returns the metrics; can be called once. */
    public RunMetrics run() {
        long wallStart = System.nanoTime();
        pullArrival();
        while (true) {
            if (!deferred.isEmpty() && (queue.isEmpty() || queue.peekTime() > now)) {
                EventTarget target = deferred.pollFirst();
                events++;
                target.fire(now);
                continue;
            }
            if (queue.isEmpty() || daemonsQueued > 0 && onlyDaemonsLeft()) {
                break;
            }
            long t = queue.peekTime();
            if (t > horizon) {
                now = horizon;
                break;
            }
            if (t < now) {
                throw new InvariantViolation("virtual time went back from " + now + " to " + t);
            }
            if (t > nextSample) {
                sampleThrough(t - 1); // every event before t is done: the state of the instants before it
            }
            now = t;
            EventTarget target = queue.poll();
            if (target instanceof Daemon) {
                daemonsQueued--;
            }
            events++;
            target.fire(t);
            if ((events & (STOP_CHECK_EVERY - 1)) == 0 && stopRequested) {
                stopped = true;
                break;
            }
            if (progress != null && (events & (PROGRESS_EVERY - 1)) == 0) {
                progress.accept(now);
            }
        }
        if (pending != null && pending.time() > horizon && !stopped) {
            now = horizon; // arrivals beyond the horizon never start
        }
        // the end: the state at now is final, unless a stop cut the instant short
        sampleThrough(stopped ? now - 1 : now);
        kernel.finish(now);
        metrics.filteredRows(source.filteredRows());
        metrics.finish(now, events, System.nanoTime() - wallStart, source.skippedRows(), kernel.engines().size(),
                kernel.kvCapacityTokens(), kernel.snapshotCounters());
        if (progress != null) {
            progress.accept(now);
        }
        return metrics;
    }

    /**
     * Asks the run to end early, from any thread (Ctrl-C): the loop stops within a few thousand
     * events, and the run ends at that virtual time as at a horizon (calls in flight unfinished).
     */
    public void stop() {
        stopRequested = true;
    }

    /** Whether {@link #stop} ended the run before its end. */
    public boolean stopped() {
        return stopped;
    }

    private void onArrival(long t) {
        AgentArrival a = pending;
        pending = null;
        kernel.arrive(a.agent(), t);
        pullArrival();
    }

    private void pullArrival() {
        AgentArrival next = source.next();
        if (next == null) {
            return;
        }
        if (next.time() < now) {
            throw new IllegalArgumentException("agent " + next.agent().pid() + " arrives at " + next.time()
                    + " ns, before the previous arrival at " + now + " ns: arrivals must be in time order");
        }
        pending = next;
        at(next.time(), arrivalTarget);
    }

    @Override
    public void at(long time, EventTarget target) {
        if (time < now) {
            throw new InvariantViolation("event scheduled at " + time + " before now " + now);
        }
        queue.add(time, target);
    }

    @Override
    public void atDaemon(long time, EventTarget target) {
        at(time, (Daemon) target::fire);
        daemonsQueued++;
    }

    /** Only daemon events are queued, no arrival is to come and every agent has ended. */
    private boolean onlyDaemonsLeft() {
        return queue.size() == daemonsQueued && deferred.isEmpty() && pending == null && kernel.agentsAlive() == 0;
    }

    /** An event queued with {@link #atDaemon}. */
    private interface Daemon extends EventTarget {}

    @Override
    public void endOfInstant(EventTarget target) {
        deferred.addLast(target);
    }

    public Kernel kernel() {
        return kernel;
    }

    public long now() {
        return now;
    }
}
