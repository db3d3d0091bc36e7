package dev.aiosim.kernel.fault;

import dev.aiosim.kernel.time.Timer;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
import java.util.SplittableRandom;

/**
 * Turns a {@link FaultPlan} into crash and restart events for each engine, on daemon timers (they
 * do not keep a run alive). Random up-times and repairs are exponential, drawn from one
 * {@link SplittableRandom} per engine split from the run's seed, so a run is deterministic and an
 * engine's schedule does not depend on the workload. Tool failures draw from their own stream.
 */
public final class FaultInjector {
    /** What the injector asks of the kernel. */
    public interface Engines {
        int count();

        boolean down(int engine);

        void crash(int engine, long now);

        void restart(int engine, long now);
    }

    private final FaultPlan plan;
    private final Timer timer;
    private final Engines engines;
    private final SplittableRandom[] perEngine;
    private final SplittableRandom tools;

    public FaultInjector(FaultPlan plan, long seed, Timer timer, Engines engines) {
        this.plan = plan;
        this.timer = timer;
        this.engines = engines;
        SplittableRandom root = new SplittableRandom(seed ^ 0x6661756c74734c4cL);
        this.tools = root.split();
        this.perEngine = new SplittableRandom[engines.count()];
        for (int i = 0; i < perEngine.length; i++) {
            perEngine[i] = root.split();
        }
    }

    /** Schedules the first crashes; call once, at time 0. */
    public void start() {
        for (FaultPlan.Crash c : plan.crashes()) {
            if (c.engine() >= engines.count()) {
                throw new IllegalArgumentException("faults: crash of engine " + c.engine() + ", but the cluster has "
                        + engines.count() + " engines (0 to " + (engines.count() - 1) + ")");
            }
            timer.atDaemon(c.atNanos(), now -> fixedCrash(c, now));
        }
        if (plan.mtbfNanos() > 0) {
            for (int i = 0; i < perEngine.length; i++) {
                scheduleRandomCrash(i, 0);
            }
        }
    }

    private void fixedCrash(FaultPlan.Crash c, long now) {
        if (engines.down(c.engine())) {
            return; // already down: this crash changes nothing
        }
        engines.crash(c.engine(), now);
        timer.atDaemon(VirtualTimeOverflow.add(now, c.downNanos(), "an engine restart"), t -> engines.restart(c.engine(), t));
    }

    private void scheduleRandomCrash(int e, long now) {
        long at = add(now, draw(perEngine[e], plan.mtbfNanos()));
        timer.atDaemon(at, t -> randomCrash(e, t));
    }

    private void randomCrash(int e, long now) {
        if (engines.down(e)) {
            scheduleRandomCrash(e, now); // down from a fixed crash: the clock starts again
            return;
        }
        engines.crash(e, now);
        long back = add(now, draw(perEngine[e], plan.mttrNanos()));
        timer.atDaemon(back, t -> {
            engines.restart(e, t);
            scheduleRandomCrash(e, t);
        });
    }

    /** Whether the next tool-call attempt fails. */
    public boolean toolAttemptFails() {
        return plan.failsTools() && tools.nextDouble() < plan.toolFailureProbability();
    }

    public FaultPlan plan() {
        return plan;
    }

    /** An exponential draw with the given mean, at least 1 ns. */
    static long draw(SplittableRandom r, long mean) {
        double x = -mean * Math.log(1.0 - r.nextDouble());
        return x >= Long.MAX_VALUE / 4.0 ? Long.MAX_VALUE / 4 : Math.max(1, (long) x);
    }

    private static long add(long now, long d) {
        return now > Long.MAX_VALUE - d ? Long.MAX_VALUE : now + d;
    }
}
