package dev.aiosim.inference.live;

import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.engine.DjlEngine;
import dev.aiosim.inference.engine.PromptTokens;
import dev.aiosim.inference.engine.SnapshotStats;
import dev.aiosim.inference.engine.StepReport;
import dev.aiosim.inference.model.LlamaModel;
import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.Engine;
import dev.aiosim.kernel.core.StepExecutor;
import dev.aiosim.kernel.live.Inbox;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.time.EventTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live kernel's engines made real: one {@link DjlEngine} per kernel engine, each on its own
 * worker thread, all on one model. At each step the kernel starts, this reads the engine's
 * running batch on the kernel thread and compares it with the previous step's: a call new to the
 * batch is admitted (its prompt ids from {@link PromptTokens}), a call that left it with a
 * snapshot was preempted (by the engine's preemption mode), a call that came back is resumed,
 * and a call that left without one is done (completed or cancelled) and released. The worker
 * carries out those changes, runs the step's forward, and posts the step's end to the kernel's
 * inbox when the forward is done: step times are the engine's real ones, and the cost model's
 * figure is only kept for comparison. The kernel decides every output length; the engine only
 * checks, at each step, that each call has generated exactly as many tokens as the kernel says.
 * Each worker keeps a {@link StepRecord} of every step it ran ({@link #steps()}).
 */
public final class DjlEngines implements StepExecutor, AutoCloseable {
    private sealed interface Op {}
    private record Admit(long id, int[] prompt, Prefix prefix, int cached) implements Op {}
    private record Preempt(long id, PreemptionMode mode) implements Op {}
    private record Resume(long id, int cached) implements Op {}
    private record Release(long id) implements Op {}

    /** @param follows whether the kernel had work on the engine when the previous step ended (the gap is its turnaround) */
    private record Plan(List<Op> ops, long[] ids, int[] generated, long modelNanos, EventTarget end, boolean follows) {}

    private static final Plan STOP = new Plan(List.of(), new long[0], new int[0], 0, null, false);

    /** The kernel thread's view of one engine: the calls it ran last step and those preempted since. */
    private static final class Books {
        Map<Long, CallView> running = new HashMap<>();
        final Map<Long, CallView> out = new HashMap<>();
        /** Set when a step end left calls running or queued, so the next step follows at once. */
        boolean busyAfterEnd;
    }

    private final LlamaModel model;
    private final NDManager root;
    private final Inbox<EventTarget> inbox;
    private final Books[] books;
    private final Worker[] workers;
    private final DjlStats stats = new DjlStats();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The clock every worker's {@link StepRecord#startNanos} counts from. */
    private final long origin = System.nanoTime();
    private volatile boolean closed;
    private List<Engine> engines;

    /**
     * @param engines number of engines
     * @param model the model every engine runs (owned: closed with this, together with {@code root})
     * @param root the manager the model lives under
     * @param inbox the kernel's inbox, where step ends go
     */
    public DjlEngines(int engines, LlamaModel model, NDManager root, Inbox<EventTarget> inbox) {
        if (engines < 1) {
            throw new IllegalArgumentException("engines must be >= 1, got " + engines);
        }
        this.model = model;
        this.root = root;
        this.inbox = inbox;
        this.books = new Books[engines];
        this.workers = new Worker[engines];
        for (int i = 0; i < engines; i++) {
            books[i] = new Books();
            workers[i] = new Worker(i);
        }
    }

    @Override
    public void bind(List<Engine> engines) {
        if (engines.size() != books.length) {
            throw new IllegalArgumentException("kernel has " + engines.size() + " engines, DJL engines were made for "
                    + books.length);
        }
        this.engines = engines;
        for (int i = 0; i < books.length; i++) {
            workers[i].start(engines.get(i).context().hostSwapBytes());
        }
    }

    /** Kernel thread: works out what changed in the batch since the last step and hands the step to the engine's worker. */
    @Override
    public void start(int engine, long now, long nanos, EventTarget end) {
        if (engines == null) {
            throw new IllegalStateException("DJL engines used before the kernel bound them");
        }
        Engine e = engines.get(engine);
        Books b = books[engine];
        List<? extends CallView> batch = e.running();
        Map<Long, CallView> running = new HashMap<>(batch.size() * 2);
        for (CallView c : batch) {
            running.put(c.id(), c);
        }
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<Long, CallView> was : b.running.entrySet()) {
            long id = was.getKey();
            if (!running.containsKey(id)) {
                if (was.getValue().hasSnapshot()) {
                    ops.add(new Preempt(id, e.context().mode()));
                    b.out.put(id, was.getValue());
                } else {
                    ops.add(new Release(id));
                }
            }
        }
        for (var it = b.out.entrySet().iterator(); it.hasNext(); ) {
            var o = it.next();
            if (!running.containsKey(o.getKey()) && !o.getValue().hasSnapshot()) {
                ops.add(new Release(o.getKey())); // cancelled while preempted
                it.remove();
            }
        }
        long[] ids = new long[batch.size()];
        int[] generated = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            CallView c = batch.get(i);
            ids[i] = c.id();
            generated[i] = c.generatedTokens();
            if (b.out.remove(c.id()) != null) {
                ops.add(new Resume(c.id(), c.cachedPrefixTokens()));
            } else if (!b.running.containsKey(c.id())) {
                ops.add(new Admit(c.id(), PromptTokens.of(c.id(), c.prefix(), c.promptTokens(), model.spec().vocab()),
                        c.prefix(), c.cachedPrefixTokens()));
            }
        }
        b.running = running;
        boolean follows = b.busyAfterEnd;
        b.busyAfterEnd = false;
        EventTarget ended = t -> {
            end.fire(t);
            b.busyAfterEnd = !e.running().isEmpty() || e.scheduler().queued() > 0;
        };
        workers[engine].queue.add(new Plan(ops, ids, generated, nanos, ended, follows));
    }

    /** Figures of the run so far, all engines together. */
    public DjlStats stats() {
        return stats;
    }

    /**
     * Every step the engines ran, ordered by start time (engine id for ties), each engine's in step
     * order. Complete once the engines are closed (the live kernel closes them when the run ends).
     *
     * @throws IllegalStateException before {@link #close}
     */
    public List<StepRecord> steps() {
        if (!closed) {
            throw new IllegalStateException("step records are read once the DJL engines are closed");
        }
        List<StepRecord> all = new ArrayList<>();
        for (Worker w : workers) {
            w.log.into(all);
        }
        all.sort(Comparator.comparingLong(StepRecord::startNanos).thenComparingInt(StepRecord::engine));
        return all;
    }

    /** The first error a worker met (its engine's later steps end at once), or null. */
    public Throwable failure() {
        return failure.get();
    }

    public LlamaModel model() {
        return model;
    }

    /** Stops the workers (a step in progress finishes first; queued ones are dropped) and frees every engine, the model and its manager. */
    @Override
    public void close() {
        for (Worker w : workers) {
            w.queue.clear(); // a stopped run drops the steps not begun
            w.queue.add(STOP);
        }
        for (Worker w : workers) {
            w.join();
        }
        model.close();
        root.close();
        closed = true;
    }

    /** One engine's thread: applies each plan's batch changes, runs the step, posts its end. */
    private final class Worker {
        final int id;
        final LinkedBlockingQueue<Plan> queue = new LinkedBlockingQueue<>();
        final StepLog log;
        Thread thread;
        /** When this worker last posted a step end to the inbox ({@link System#nanoTime}), -1 before the first. */
        private long posted = -1;

        Worker(int id) {
            this.id = id;
            this.log = new StepLog(id);
        }

        void start(long hostSwapBytes) {
            thread = Thread.ofPlatform().daemon().name("aiosim-djl-" + id).start(() -> run(hostSwapBytes));
        }

        void join() {
            if (thread == null) {
                return;
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run(long hostSwapBytes) {
            try (DjlEngine engine = new DjlEngine(model, root, hostSwapBytes, false)) {
                while (true) {
                    Plan p;
                    try {
                        p = queue.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long taken = System.nanoTime();
                    if (p == STOP) {
                        return;
                    }
                    if (failure.get() == null) {
                        try {
                            step(engine, p, taken);
                        } catch (RuntimeException | Error e) {
                            if (failure.compareAndSet(null, e)) {
                                System.err.println("aiosim: DJL engine " + id + " failed (" + e
                                        + "); the run goes on with every later step ending at once");
                            }
                        }
                    }
                    posted = System.nanoTime();
                    inbox.offer(p.end);
                }
            }
        }

        private void step(DjlEngine engine, Plan p, long taken) {
            SnapshotStats snap = engine.snapshotStats();
            long out0 = snap.outBytes();
            long in0 = snap.inBytes();
            for (Op op : p.ops) {
                switch (op) {
                    case Admit a -> engine.admit(a.id, a.prompt, 0, a.prefix, a.cached);
                    case Preempt x -> stats.preempted(engine.preempt(x.id, x.mode) == PreemptionMode.SWAP);
                    case Resume r -> engine.resume(r.id, r.cached);
                    case Release r -> engine.cancel(r.id);
                }
            }
            long opsNanos = System.nanoTime() - taken;
            long outBytes = snap.outBytes() - out0;
            long inBytes = snap.inBytes() - in0;
            int mismatches = 0;
            for (int i = 0; i < p.ids.length; i++) {
                if (engine.generatedCount(p.ids[i]) != p.generated[i] || engine.preempted(p.ids[i])) {
                    mismatches++;
                }
            }
            StepReport r = engine.step();
            if (r.generated().size() != p.ids.length) {
                mismatches++;
            }
            stats.step(r, p.modelNanos, mismatches);
            long gap = p.follows && posted >= 0 ? taken - posted : -1;
            stats.around(opsNanos, gap, outBytes, inBytes);
            log.add(taken - origin, opsNanos, r.nanos(), r.cpuNanos(), p.modelNanos, r.prefillTokens(), r.prefillPairs(),
                    r.decodeTokens(), r.decodeContextTokens(), r.generated().size(), outBytes, inBytes, gap);
        }
    }
}
