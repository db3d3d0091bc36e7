package dev.aiosim.kernel.live;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;

/**
 * Plays a workload live: spawns each agent of an {@link AgentSource} when the virtual clock
 * reaches its arrival time, as a virtual thread that runs its program, issuing each syscall as a
 * blocking call. The same sources (and so the same agents for a seed) as in simulated time.
 */
public final class LiveRun {
    private LiveRun() {}

    /**
     * Spawns every agent of {@code source} on time, on the calling thread, then tells the kernel
     * that no more come. Returns early if the run ends first (horizon or stop).
     */
    public static void play(LiveKernel kernel, AgentSource source) {
        VirtualClock clock = kernel.clock();
        for (AgentArrival a = source.next(); a != null && !kernel.finished(); a = source.next()) {
            clock.sleepUntil(a.time(), kernel::finished);
            if (kernel.finished()) {
                break;
            }
            kernel.spawn(a.agent(), body(a.agent().program()));
        }
        kernel.sourceDone();
    }

    /** An agent body that runs a program: its syscalls in turn, each after the previous result. */
    public static AgentBody body(Program program) {
        return os -> {
            SyscallResult previous = null;
            Syscall next;
            while ((next = program.next(previous)) != null) {
                previous = os.call(next);
            }
        };
    }
}
