package dev.aiosim.workloads.replay;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import java.util.SplittableRandom;

/**
 * A trace's agents after the window, sample and limit of {@link ReplayOptions}, with arrival
 * times shifted to the window's start and multiplied by a scale factor. Streams: it holds one
 * arrival at a time. Agents left out by the selection are counted in {@link #notSelected()}; the
 * reader's skipped and filtered rows pass through.
 */
final class SelectedSource implements AgentSource {
    private final AgentSource in;
    private final ReplayOptions options;
    private final SplittableRandom random;
    private final double scale;
    private long kept;
    private long notSelected;
    private boolean done;

    SelectedSource(AgentSource in, ReplayOptions options, long seed, double scale) {
        this.in = in;
        this.options = options;
        this.random = new SplittableRandom(seed ^ 0x5EEDL * 0x9E3779B97F4A7C15L);
        this.scale = scale;
    }

    @Override
    public AgentArrival next() {
        if (done) {
            return null;
        }
        while (true) {
            if (kept >= options.limit()) {
                return finish();
            }
            AgentArrival a = in.next();
            if (a == null) {
                done = true;
                return null;
            }
            if (a.time() < options.windowFrom()) {
                notSelected++;
                continue;
            }
            if (a.time() >= options.windowTo()) {
                notSelected++;
                return finish();
            }
            // one draw per agent in the window, kept or not, so the sample does not depend on the limit
            if (options.sample() < 1 && random.nextDouble() >= options.sample()) {
                notSelected++;
                continue;
            }
            kept++;
            long t = a.time() - options.windowFrom();
            if (scale != 1) {
                t = Math.round(t * scale);
            }
            return t == a.time() ? a : new AgentArrival(t, a.agent());
        }
    }

    /** Stops at the first agent past the window or the limit; the rest of the file is not read. */
    private AgentArrival finish() {
        done = true;
        return null;
    }

    /** Agents read but left out by the window or the sample (agents past the limit or the window's end are not read). */
    long notSelected() {
        return notSelected;
    }

    /** Agents handed out. */
    long kept() {
        return kept;
    }

    @Override
    public long skippedRows() {
        return in.skippedRows();
    }

    @Override
    public long filteredRows() {
        return in.filteredRows();
    }

    @Override
    public void close() {
        in.close();
    }
}
