package dev.aiosim.schedulers.length;

import dev.aiosim.kernel.scheduler.CallView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Guesses a call's output length for a length-ranking policy. A predictor that reads the true
 * length ({@link Oracle}, {@link NoisyOracle}) is {@link #clairvoyant()}, and the policy using it
 * declares itself so, which labels it {@code (oracle)} in every report. One instance per engine.
 */
public sealed interface LengthPredictor {
    /** The predicted number of output tokens of {@code call}, >= 1; asked once, when it is first queued. */
    int predict(CallView call);

    /** A call left the engine (finished or cancelled) having generated {@code call.generatedTokens()}. */
    default void observe(CallView call) {}

    /** Whether {@link #predict} reads {@link CallView#oracleOutputTokens()}. */
    boolean clairvoyant();

    /** The true output length (SJF/SRPT as analysed by Schrage, 1968). */
    record Oracle() implements LengthPredictor {
        @Override
        public int predict(CallView call) {
            return Math.max(1, call.oracleOutputTokens());
        }

        @Override
        public boolean clairvoyant() {
            return true;
        }
    }

    /**
     * The true length times a factor drawn uniformly from {@code [1 - error, 1 + error]}, at
     * least 1 token: a stand-in for a learned predictor of known relative error (Fu et al.,
     * "Efficient LLM Scheduling by Learning to Rank", 2024, predict a rank, not a length; a
     * relative error is the simplest knob for "how good is the predictor"). The factor is a hash
     * of the call id, so a run is reproducible and every policy sees the same error for the same
     * call.
     */
    record NoisyOracle(double error) implements LengthPredictor {
        public NoisyOracle {
            if (!(error >= 0 && error <= OutputRanking.MAX_ERROR)) {
                throw new IllegalArgumentException("expected a relative error in [0, " + OutputRanking.MAX_ERROR + "], got " + error);
            }
        }

        @Override
        public int predict(CallView call) {
            double factor = 1 + error * (2 * unit(call.id()) - 1);
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(call.oracleOutputTokens() * factor)));
        }

        @Override
        public boolean clairvoyant() {
            return true;
        }

        /** A number in [0, 1) from the id: a 64-bit finaliser (Stafford's "mix13"), its top 53 bits. */
        static double unit(long id) {
            long z = id * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53;
        }
    }

    /**
     * The mean output length of the issuing agent's calls that left this engine so far, or
     * {@code prior} for an agent's first call: agents repeat themselves (a ReAct agent's turns are
     * alike), which no prompt-only predictor sees. Non-clairvoyant: it learns from
     * {@link #observe} only. It remembers at most {@link #MAX_AGENTS} agents (the least recently
     * first seen is forgotten), so memory stays bounded on a long trace.
     */
    final class AgentHistory implements LengthPredictor {
        /** Agents remembered at most. */
        public static final int MAX_AGENTS = 1 << 16;

        private final int prior;
        private final Map<Long, long[]> byAgent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
                return size() > MAX_AGENTS;
            }
        };

        public AgentHistory(int prior) {
            if (prior < 1) {
                throw new IllegalArgumentException("expected a prior >= 1 token, got " + prior);
            }
            this.prior = prior;
        }

        @Override
        public int predict(CallView call) {
            long[] sumAndCount = byAgent.get(call.agentPid());
            if (sumAndCount == null || sumAndCount[1] == 0) {
                return prior;
            }
            return (int) Math.max(1, Math.round((double) sumAndCount[0] / sumAndCount[1]));
        }

        @Override
        public void observe(CallView call) {
            long[] sumAndCount = byAgent.computeIfAbsent(call.agentPid(), pid -> new long[2]);
            sumAndCount[0] += call.generatedTokens();
            sumAndCount[1]++;
        }

        @Override
        public boolean clairvoyant() {
            return false;
        }

        public int prior() {
            return prior;
        }

        @Override
        public String toString() {
            return "AgentHistory[prior=" + prior + "]";
        }
    }
}
