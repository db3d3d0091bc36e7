package dev.aiosim.kernel.cluster;

import java.util.function.IntUnaryOperator;

/**
 * Chooses the engine for a newly submitted LLM call. The call stays on that engine for its whole
 * life (its snapshot lives in that engine's host swap space).
 */
public sealed interface Dispatcher permits Dispatcher.RoundRobin, Dispatcher.LeastLoaded {

    /**
     * @param engines number of engines
     * @param load running plus queued calls of engine i
     * @return the chosen engine index
     */
    int pick(int engines, IntUnaryOperator load);

    static Dispatcher named(String name) {
        return switch (name) {
            case "round-robin" -> new RoundRobin();
            case "least-loaded" -> new LeastLoaded();
            default -> throw new IllegalArgumentException("unknown dispatcher '" + name
                    + "'; expected round-robin or least-loaded");
        };
    }

    /** Engines in turn, call by call. */
    final class RoundRobin implements Dispatcher {
        private int next;

        @Override
        public int pick(int engines, IntUnaryOperator load) {
            int e = next % engines;
            next = e + 1;
            return e;
        }
    }

    /** The engine with the fewest running plus queued calls; ties go to the lowest index. */
    final class LeastLoaded implements Dispatcher {
        @Override
        public int pick(int engines, IntUnaryOperator load) {
            int best = 0;
            int bestLoad = load.applyAsInt(0);
            for (int i = 1; i < engines; i++) {
                int l = load.applyAsInt(i);
                if (l < bestLoad) {
                    best = i;
                    bestLoad = l;
                }
            }
            return best;
        }
    }
}
