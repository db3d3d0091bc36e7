package dev.aiosim.workloads.gen;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Derives independent random streams from a run's seed, one per component and per index (agent),
 * so that no component's draws depend on how many draws another made or in what order the kernel
 * asked: agent 17's program is the same whether it ran first or last, under any policy.
 */
public final class Seeds {
    /** Stream of arrival times. */
    public static final long ARRIVALS = 1;
    /** Stream that assigns priority classes. */
    public static final long PRIORITIES = 2;
    /** Streams of agent programs, one per pid. */
    public static final long PROGRAMS = 3;

    private Seeds() {}

    /** A stream for (seed, component, index); distinct arguments give unrelated streams. */
    public static SplittableRandom stream(long seed, long component, long index) {
        long z = mix(seed ^ mix(component * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
        return new SplittableRandom(mix(z + index * 0xD1B54A32D192ED03L));
    }

    /** A commons-rng view of a SplittableRandom, for commons-statistics samplers. */
    public static UniformRandomProvider provider(SplittableRandom random) {
        return random::nextLong;
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
