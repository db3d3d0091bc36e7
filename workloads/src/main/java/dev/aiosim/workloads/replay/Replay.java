package dev.aiosim.workloads.replay;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import java.util.function.Supplier;

/**
 * Applies {@link ReplayOptions} to a trace. A target rate needs the selected agents' mean rate
 * first, so it reads the trace twice (streaming both times: memory stays constant).
 */
public final class Replay {
    private Replay() {}

    /**
     * Opens the selected, rescaled agents of a trace.
     *
     * @param open opens the trace from its start (called twice when a rate is given)
     * @param options what to select and how to scale time
     * @param seed the run's seed; only the sample uses it
     * @throws IllegalArgumentException when a rate is asked of fewer than 2 selected agents, or of
     *     agents that all arrive at the same instant
     */
    public static AgentSource open(Supplier<AgentSource> open, ReplayOptions options, long seed) {
        if (options.isNone()) {
            return open.get();
        }
        double scale = 1 / options.speedup();
        if (options.rate() > 0) {
            scale = rateScale(open, options, seed);
        }
        return new SelectedSource(open.get(), options, seed, scale);
    }

    /** The factor that turns the selected agents' mean arrival rate into the target rate. */
    private static double rateScale(Supplier<AgentSource> open, ReplayOptions options, long seed) {
        long n = 0;
        long first = -1;
        long last = -1;
        try (AgentSource s = new SelectedSource(open.get(), options, seed, 1)) {
            for (AgentArrival a = s.next(); a != null; a = s.next()) {
                if (first < 0) {
                    first = a.time();
                }
                last = a.time();
                n++;
            }
        }
        if (n < 2 || last == first) {
            throw new IllegalArgumentException("rate: cannot rescale to " + options.rate() + " agents/s: the selection has "
                    + n + " agent(s)" + (n >= 2 ? ", all arriving at the same instant" : "") + "; a rate needs 2 or more at distinct times");
        }
        double observed = (n - 1) / ((last - first) / 1e9);
        return observed / options.rate();
    }
}
