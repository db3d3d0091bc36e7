package dev.aiosim.kernel.live;

import dev.aiosim.kernel.core.StepExecutor;
import dev.aiosim.kernel.time.EventTarget;
import dev.aiosim.kernel.time.WakeupQueue;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Emulated engines: one timer thread keeps time for every engine. The kernel hands it each step
 * with the step's end on the {@link VirtualClock} (the cost model's step time divided by the
 * dilation); the thread keeps the steps in deadline order and posts each step's end to the
 * kernel's inbox when its deadline comes. Nothing runs on a GPU, so the kernel sees engines that
 * behave like the cost model in wall time, at the cost of one thread however many engines there
 * are (a thread per engine spun a core each and starved the kernel at a few hundred engines).
 * The wait parks until shortly before the next deadline and spins the rest (parking alone
 * overshoots by tens of microseconds, which heavy dilation would magnify).
 *
 * <p>When a step's wall time is below {@link #OVERHEAD_NANOS}, the live runtime's own per-step
 * overhead dominates the model time; the engines say so once, through the warning sink.
 */
public final class EmulatedEngines implements StepExecutor, AutoCloseable {
    /**
     * Wall time per step under which the runtime's overhead dominates: paper-notes/live-vs-sim.md
     * measured 50-90 us of wall time per step beyond its model time on a 2-core machine.
     */
    public static final long OVERHEAD_NANOS = 50_000;
    private static final long SPIN_NANOS = 50_000;

    private record Step(long wallDeadline, EventTarget end) {}

    private final VirtualClock clock;
    private final Inbox<EventTarget> inbox;
    private final Consumer<String> warnings;
    private final Mailbox<Step> steps = Mailbox.spsc(); // the kernel thread is the only producer
    private final Thread thread;
    private final int engines;
    private boolean warned; // kernel thread
    private volatile boolean running = true;

    /**
     * Starts the timer thread.
     *
     * @param engines number of engines
     * @param clock the run's clock
     * @param inbox the kernel's inbox, where step ends go
     * @param warnings hears, at most once, that the dilation makes the runtime's overhead dominate
     */
    public EmulatedEngines(int engines, VirtualClock clock, Inbox<EventTarget> inbox, Consumer<String> warnings) {
        if (engines < 1) {
            throw new IllegalArgumentException("engines must be >= 1, got " + engines);
        }
        this.engines = engines;
        this.clock = clock;
        this.inbox = inbox;
        this.warnings = warnings;
        this.thread = Thread.ofPlatform().daemon().name("aiosim-engines").unstarted(this::work);
        steps.bindConsumer(thread);
        thread.start();
    }

    /** Kernel thread: engine {@code engine} runs a step of {@code nanos} virtual time from {@code now}. */
    @Override
    public void start(int engine, long now, long nanos, EventTarget end) {
        if (engine < 0 || engine >= engines) {
            throw new IndexOutOfBoundsException("engine " + engine + " of " + engines);
        }
        if (!warned && nanos / clock.dilation() < OVERHEAD_NANOS) {
            warned = true;
            warnings.accept(String.format(Locale.ROOT, "warning: at dilation %s some engine steps last under %d us of wall"
                    + " time, less than the live runtime's own overhead per step, which then dominates the measured times;"
                    + " a lower dilation keeps them faithful to the model", fmt(clock.dilation()), OVERHEAD_NANOS / 1000));
        }
        steps.offer(new Step(clock.wallAt(now + nanos), end));
    }

    /** The timer thread: takes new steps, posts the ends that are due, waits for the next. */
    private void work() {
        IdleStrategy idle = IdleStrategy.backoff(50, 10, 1_000_000);
        WakeupQueue due = new WakeupQueue(64); // keyed by wall deadline; ties in order of arrival
        while (running) {
            int n = 0;
            Step s;
            while ((s = steps.poll()) != null) {
                due.add(s.wallDeadline, s.end);
                n++;
            }
            long now = clock.wallNow();
            while (!due.isEmpty() && due.peekTime() <= now && running) {
                inbox.offer(due.poll());
                n++;
            }
            if (n > 0) {
                idle.reset();
                continue;
            }
            long left = due.isEmpty() ? Long.MAX_VALUE : due.peekTime() - now;
            if (left <= SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                steps.idle(idle, left - SPIN_NANOS);
            }
        }
    }

    /** The timer thread, e.g. to wait for it to end after {@link #close}. */
    public Thread thread() {
        return thread;
    }

    /** Stops the timer thread (steps in progress are dropped); any thread. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
