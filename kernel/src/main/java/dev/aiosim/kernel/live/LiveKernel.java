package dev.aiosim.kernel.live;

import dev.aiosim.kernel.core.AgentRun;
import dev.aiosim.kernel.core.Kernel;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.core.StepExecutor;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The live runtime around one {@link Kernel}: a kernel thread that owns all kernel state, drains
 * its inbox, fires due timers on the {@link VirtualClock}, and idles (by the run's
 * {@link IdleStrategy}) when there is nothing to do; agents on virtual threads that post their
 * syscalls to the inbox and park on a {@link ResultSlot} until the kernel completes them; and
 * engines (emulated ones share one timer thread; null ones end each step at once) that post step
 * ends back. Nothing but the kernel thread touches the kernel, the metrics or the timer.
 *
 * <p>The run ends when every spawned agent ended after {@link #sourceDone}, at the horizon, or on
 * {@link #stop} (partial results); in-flight calls are then recorded as unfinished. The kernel
 * thread hears a stop at its next loop round ({@link #stop} unparks it), whatever
 * the number of engines and agents.
 *
 * <p>With {@link LiveOptions#withFaults} the kernel injects engine crashes on its timer, as in a
 * simulated run. A crash voids the engine's step in flight: its end still arrives from the
 * engines later, and the kernel ignores it ({@code Engine.endStaleStep}); the engine steps again
 * only after that end, so a stale end never applies to a later step.
 */
public final class LiveKernel {
    private static final int DRAIN_LIMIT = 4096;

    private final VirtualClock clock;
    private final LiveOptions options;
    private final Inbox<EventTarget> inbox;
    private final WallTimer timer;
    private final RunMetrics metrics;
    private final Kernel kernel;
    private final StepExecutor engines;
    private final Thread kernelThread;
    private final CountDownLatch done = new CountDownLatch(1);
    private final HashSet<LiveAgent> alive = new HashSet<>();
    private final Consumer<EventTarget> handler = this::handle;
    private volatile boolean stopRequested;
    private volatile boolean finished;
    private volatile Throwable failure;
    private boolean sourceDone;
    private boolean partial;
    private long events;
    private long endNanos;
    private volatile long kernelCpuNanos = -1;

    /**
     * Starts the kernel thread and the engines.
     *
     * @param config cluster and resources
     * @param schedulers one policy instance per engine
     * @param sink receives call and agent rows (on the kernel thread)
     * @param slo objectives for goodput
     * @param options dilation, horizon, listener, dispatch structures, engines
     */
    public LiveKernel(KernelConfig config, SchedulerFactory schedulers, MetricsSink sink, Slo slo, LiveOptions options) {
        this.options = options;
        this.clock = new VirtualClock(options.dilation(), options.wall());
        this.timer = new WallTimer(clock, options.horizonNanos());
        this.inbox = options.inbox().get();
        this.metrics = new RunMetrics(sink, slo);
        this.engines = options.engines().create(config.engines().size(), clock, inbox);
        try {
            this.kernel = new Kernel(config, schedulers, metrics, timer, engines);
            if (options.faults() != null) {
                // before the kernel thread starts, which then owns the fault timers like any other
                kernel.injectFaults(options.faults(), options.faultSeed());
            }
        } catch (RuntimeException | Error e) {
            closeEngines(); // their thread must not outlive a kernel that never started
            throw e;
        }
        this.kernelThread = Thread.ofPlatform().name("aiosim-kernel").daemon().unstarted(this::loop);
        inbox.bindConsumer(kernelThread);
        kernelThread.start();
    }

    public VirtualClock clock() {
        return clock;
    }

    /** The kernel thread, e.g. to read its CPU time. */
    public Thread kernelThread() {
        return kernelThread;
    }

    /** Whether the run has ended (all agents done, horizon, stop or failure). */
    public boolean finished() {
        return finished;
    }

    /**
     * Starts an agent on a new virtual thread; its arrival is posted first, so the kernel sees
     * agents arrive in spawn order. Call from one thread (the spawner) before {@link #sourceDone}.
     *
     * @return the agent's thread (interrupt it to cancel the agent)
     */
    public Thread spawn(AgentProcess process, AgentBody body) {
        LiveAgent a = new LiveAgent(process, options.slots().get());
        inbox.offer(now -> arrive(a, now));
        Thread t = Thread.ofVirtual().name(process.name()).unstarted(() -> a.run(body));
        a.slot.bind(t);
        t.start();
        return t;
    }

    /**
     * Makes the calling thread an agent: its arrival is posted now, and it issues syscalls through
     * the returned session (only from this thread) until it closes it.
     */
    public AgentSession join(AgentProcess process) {
        LiveAgent a = new LiveAgent(process, options.slots().get());
        a.slot.bind(Thread.currentThread());
        inbox.offer(now -> arrive(a, now));
        return a;
    }

    /** No more agents will be spawned: the run ends once the spawned ones have ended. */
    public void sourceDone() {
        inbox.offer(now -> sourceDone = true);
    }

    /** Stops the run now (Ctrl-C): what was measured so far is kept and marked partial. */
    public void stop() {
        stopRequested = true;
        LockSupport.unpark(kernelThread);
    }

    /**
     * Waits for the end of the run and returns its metrics.
     *
     * @throws IllegalStateException wrapping what failed on the kernel thread
     */
    public RunMetrics await() throws InterruptedException {
        done.await();
        return result();
    }

    /** As {@link #await()} with a bound; {@code null} if the run has not ended in time. */
    public RunMetrics await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit) ? result() : null;
    }

    private RunMetrics result() {
        if (failure != null) {
            throw new IllegalStateException("live kernel failed: " + failure, failure);
        }
        return metrics;
    }

    /** Whether the run was stopped before its end; valid after {@link #await}. */
    public boolean partial() {
        return partial;
    }

    /** Messages and timer wake-ups the kernel thread handled; valid after {@link #await}. */
    public long events() {
        return events;
    }

    /** CPU time the kernel thread used over the whole run, -1 if unsupported; valid after {@link #await}. */
    public long kernelCpuNanos() {
        return kernelCpuNanos;
    }

    /** Virtual time at the end of the run; valid after {@link #await}. */
    public long endNanos() {
        return endNanos;
    }

    // ---- kernel thread --------------------------------------------------------------------------

    private void loop() {
        IdleStrategy idle = options.idle().get();
        long now;
        try {
            while (true) {
                if (stopRequested) {
                    // what was posted before the stop still happened: take it in, then end
                    events += inbox.drain(handler, DRAIN_LIMIT);
                    events += timer.runDeferred();
                    partial = true;
                    now = timer.now();
                    break;
                }
                if (timer.pastHorizon()) {
                    now = options.horizonNanos();
                    break;
                }
                int n = inbox.drain(handler, DRAIN_LIMIT);
                n += timer.fireDue();
                n += timer.runDeferred();
                events += n;
                if (sourceDone && alive.isEmpty()) {
                    now = timer.now();
                    break;
                }
                if (n > 0) {
                    idle.reset();
                } else {
                    inbox.idle(idle, timer.wallUntilNext());
                }
            }
            finish(now);
        } catch (Throwable t) {
            failure = t;
        } finally {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            kernelCpuNanos = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
            finished = true;
            closeEngines();
            done.countDown();
        }
    }

    private void closeEngines() {
        if (engines instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing to add: the engines only keep time
            }
        }
    }

    private void finish(long now) {
        endNanos = now;
        List<LiveAgent> left = new ArrayList<>(alive);
        left.sort(Comparator.comparingLong(a -> a.process.pid()));
        for (LiveAgent a : left) {
            options.listener().ended(a.process, a.arrivalAt, a.issued);
        }
        kernel.finish(now);
        metrics.finish(now, events, clock.wallElapsed(), 0, kernel.engines().size(), kernel.kvCapacityTokens(),
                kernel.snapshotCounters());
    }

    private void handle(EventTarget message) {
        message.fire(timer.now());
    }

    private void arrive(LiveAgent a, long now) {
        a.arrivalAt = now;
        a.lastEventAt = now;
        a.handle = kernel.attach(a.process, a::completed, now);
        alive.add(a);
    }

    private void issue(LiveAgent a, Syscall s, long now) {
        if (a.handle == null || !alive.contains(a)) {
            throw new IllegalStateException("agent " + a.process.pid() + " issued " + s + " after it ended");
        }
        a.issued.add(s);
        kernel.issue(a.handle, s, now);
    }

    private void exit(LiveAgent a, long now) {
        // the agent finished when its last syscall completed, not when its thread got round to say so
        kernel.exit(a.handle, a.lastEventAt);
        end(a);
    }

    private void cancel(LiveAgent a, long now) {
        kernel.cancel(a.handle, now);
        end(a);
    }

    private void end(LiveAgent a) {
        if (alive.remove(a)) {
            options.listener().ended(a.process, a.arrivalAt, a.issued);
        }
    }

    /** One live agent: its identity, its result slot, and the kernel thread's notes about it. */
    private final class LiveAgent implements AgentSession {
        final AgentProcess process;
        final ResultSlot slot;
        // kernel thread only
        AgentRun handle;
        long arrivalAt;
        long lastEventAt;
        final List<Syscall> issued = new ArrayList<>();

        LiveAgent(AgentProcess process, ResultSlot slot) {
            this.process = process;
            this.slot = slot;
        }

        /** Kernel thread: the kernel answered this agent's syscall. */
        void completed(SyscallResult r) {
            lastEventAt = r.completedAt();
            slot.complete(r);
        }

        @Override
        public SyscallResult call(Syscall syscall) throws InterruptedException {
            inbox.offer(now -> issue(this, syscall, now));
            return slot.await();
        }

        @Override
        public void close() {
            inbox.offer(now -> exit(this, now));
        }

        /** Agent thread. */
        void run(AgentBody body) {
            try {
                body.run(this);
                inbox.offer(now -> exit(this, now));
            } catch (InterruptedException e) {
                inbox.offer(now -> cancel(this, now));
            } catch (RuntimeException | Error e) {
                inbox.offer(now -> cancel(this, now)); // the agent failed: it ends like a cancelled one
                throw e;
            }
        }
    }
}
