package dev.aiosim.kernel.live;

import dev.aiosim.kernel.core.StepExecutor;
import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Emulated engines: one platform worker thread per engine takes each step the kernel hands out,
 * waits until the step's end on the {@link VirtualClock} (the cost model's step time divided by
 * the dilation), and posts the step end back to the kernel's inbox. Nothing runs on the GPU; the
 * worker only keeps time, so the kernel sees engines that behave like the cost model in wall time.
 * The wait parks until shortly before the deadline and spins the rest (parking alone overshoots
 * by tens of microseconds, which heavy dilation would magnify).
 */
public final class EmulatedEngines implements StepExecutor, AutoCloseable {
    private record Step(long wallDeadline, EventTarget end) {}

    private final VirtualClock clock;
    private final Inbox<EventTarget> inbox;
    private final List<Mailbox<Step>> mailboxes = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param engines number of engines
     * @param clock the run's clock
     * @param inbox the kernel's inbox, where step ends go
     */
    public EmulatedEngines(int engines, VirtualClock clock, Inbox<EventTarget> inbox) {
        this.clock = clock;
        this.inbox = inbox;
        for (int i = 0; i < engines; i++) {
            Mailbox<Step> box = Mailbox.spsc();
            Thread t = Thread.ofPlatform().daemon().name("aiosim-engine-" + i).unstarted(() -> work(box));
            box.bindConsumer(t);
            mailboxes.add(box);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    @Override
    public void start(int engine, long now, long nanos, EventTarget end) {
        mailboxes.get(engine).offer(new Step(clock.wallAt(now + nanos), end));
    }

    private void work(Mailbox<Step> box) {
        IdleStrategy idle = new IdleStrategy(50, 10, 1_000_000);
        while (running) {
            Step s = box.poll();
            if (s == null) {
                box.idle(idle, Long.MAX_VALUE);
                continue;
            }
            idle.reset();
            clock.sleepUntilWall(s.wallDeadline, () -> !running);
            if (running) {
                inbox.offer(s.end);
            }
        }
    }

    /** Stops the workers (steps in progress are dropped). */
    @Override
    public void close() {
        running = false;
        workers.forEach(LockSupport::unpark);
    }
}
