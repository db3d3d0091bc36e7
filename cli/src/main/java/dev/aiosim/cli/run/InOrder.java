package dev.aiosim.cli.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs numbered tasks concurrently and hands their results over strictly in number order, which
 * is what keeps results identical whatever the number of jobs (or workers): task {@code i} is
 * committed only after tasks {@code 0..i-1}. At most {@code window} tasks are started but not yet
 * committed, so memory stays bounded however many tasks there are. Where the tasks run (a thread
 * pool, remote workers) is the caller's {@code start}.
 */
public final class InOrder {
    private InOrder() {}

    /**
     * Starts tasks {@code 0..count-1} and commits their results in order.
     *
     * @param window most tasks started but not committed (at least 1)
     * @param count number of tasks
     * @param start starts task {@code i}, returning its future
     * @param stopped checked before each start: once true, no further task starts (those started still commit)
     * @param commit takes each result, in task order, on the calling thread
     * @param abort called once when a task failed: stops the tasks still running (their results are then discarded)
     * @param discard takes the results of tasks after a failed one
     * @throws RuntimeException the first failed task's exception (in task order), after all started tasks ended
     */
    public static <T> void run(int window, int count, IntFunction<Future<T>> start, BooleanSupplier stopped,
                               Consumer<T> commit, Runnable abort, Consumer<T> discard) {
        Deque<Future<T>> pending = new ArrayDeque<>();
        int next = 0;
        try {
            while (true) {
                while (next < count && pending.size() < Math.max(1, window) && !stopped.getAsBoolean()) {
                    pending.addLast(start.apply(next++));
                }
                if (pending.isEmpty()) {
                    return;
                }
                T result = await(pending.peekFirst());
                pending.removeFirst();
                commit.accept(result);
            }
        } catch (RuntimeException | Error e) {
            abort.run();
            for (Future<T> f : pending) {
                try {
                    discard.accept(await(f));
                } catch (RuntimeException | Error again) {
                    if (again != e) {
                        e.addSuppressed(again);
                    }
                }
            }
            throw e;
        }
    }

    /** The task's result, or its exception as it was thrown (checked ones wrapped). */
    static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the runs are stopped through Stop, not by interrupts
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
