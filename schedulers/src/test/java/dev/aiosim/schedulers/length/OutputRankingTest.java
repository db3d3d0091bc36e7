package dev.aiosim.schedulers.length;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.SchedulerProvider;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.kernel.testing.PolicySamples;
import dev.aiosim.kernel.testing.PolicySamples.PolicySample;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The flavours and predictors of sjf and srpt: parameters, clairvoyance, and the predictors' values. */
class OutputRankingTest {
    /** A queued call with a true output length. */
    private record Call(long id, long agentPid, int oracle, int generatedTokens) implements CallView {
        @Override public int priority() { return 0; }
        @Override public double weight() { return 1; }
        @Override public String group() { return "default"; }
        @Override public int promptTokens() { return 10; }
        @Override public int maxTokens() { return 0; }
        @Override public long submittedAt() { return 0; }
        @Override public long enqueuedAt() { return 0; }
        @Override public long admittedAt() { return -1; }
        @Override public int tokensSinceAdmitted() { return 0; }
        @Override public int preemptions() { return 0; }
        @Override public boolean hasSnapshot() { return false; }
        @Override public int oracleOutputTokens() { return oracle; }
    }

    static List<PolicySample> lengthPolicySamples() {
        return PolicySamples.all().stream().filter(p -> p.policy().equals("sjf") || p.policy().equals("srpt")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lengthPolicySamples")
    void providerAndSchedulerAgreeOnClairvoyance(PolicySample sample) {
        SchedulerProvider provider = SchedulerRegistry.load().get(sample.policy());
        boolean expected = "oracle".equals(sample.params().get("flavour")) || "noisy".equals(sample.params().get("predictor"))
                || sample.params().containsKey("error");
        assertThat(provider.clairvoyant(sample.params())).isEqualTo(expected);
        assertThat(sample.factory().create(0).clairvoyant()).isEqualTo(expected);
    }

    @Test
    void defaultsArePredictedByAgentHistory() {
        OutputRanking r = OutputRanking.parse("sjf", Map.of());
        assertThat(r.clairvoyant()).isFalse();
        assertThat(r.predictors().get()).isInstanceOf(LengthPredictor.AgentHistory.class);
        assertThat(((LengthPredictor.AgentHistory) r.predictors().get()).prior()).isEqualTo(OutputRanking.DEFAULT_PRIOR);
        assertThat(OutputRanking.parse("sjf", Map.of("error", "0.2")).predictors().get())
                .isEqualTo(new LengthPredictor.NoisyOracle(0.2));
    }

    @Test
    void badParametersAreOneLineNamingTheParameter() {
        assertThatThrownBy(() -> OutputRanking.parse("sjf", Map.of("flavour", "psychic")))
                .hasMessage("policy 'sjf' parameter 'flavour': expected oracle or predicted, got 'psychic'");
        assertThatThrownBy(() -> OutputRanking.parse("sjf", Map.of("flavour", "oracle", "error", "0.1")))
                .hasMessage("policy 'sjf' parameter 'error': applies to flavour: predicted only, but flavour is oracle");
        assertThatThrownBy(() -> OutputRanking.parse("srpt", Map.of("predictor", "history", "error", "0.1")))
                .hasMessage("policy 'srpt' parameter 'error': applies to predictor: noisy only, but predictor is history");
        assertThatThrownBy(() -> OutputRanking.parse("sjf", Map.of("error", "-0.1")))
                .hasMessage("policy 'sjf' parameter 'error': expected a number from 0 to 10, got '-0.1'");
        assertThatThrownBy(() -> OutputRanking.parse("sjf", Map.of("error", "NaN")))
                .hasMessageContaining("expected a number from 0 to 10");
        assertThatThrownBy(() -> OutputRanking.parse("sjf", Map.of("prior", "0")))
                .hasMessage("policy 'sjf' parameter 'prior': expected a number from 1 to 1000000, got '0'");
        assertThatThrownBy(() -> OutputRanking.parse("sjf", Map.of("prior", "2.5")))
                .hasMessage("policy 'sjf' parameter 'prior': expected a whole number of tokens, got '2.5'");
        assertThatThrownBy(() -> OutputRanking.parse("sjf", Map.of("predictor", "noisy", "prior", "5")))
                .hasMessageContaining("'prior': applies to predictor: history only");
        assertThatThrownBy(() -> SchedulerRegistry.load().factory("srpt", Map.of("margin", "-1")))
                .hasMessage("policy 'srpt' parameter 'margin': expected a whole number of tokens from 0 to 1000000, got '-1'");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1, 0.5, 1, 3})
    void noisyOracleStaysWithinItsErrorAndRepeatsItself(double error) {
        LengthPredictor p = new LengthPredictor.NoisyOracle(error);
        SplittableRandom rnd = new SplittableRandom(Double.doubleToLongBits(error));
        double sumFactor = 0;
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            Call c = new Call(rnd.nextLong(1L << 40), 0, 1 + rnd.nextInt(2_000), 0);
            int guess = p.predict(c);
            assertThat(guess).isEqualTo(new LengthPredictor.NoisyOracle(error).predict(c)).isGreaterThanOrEqualTo(1);
            assertThat((double) guess).isBetween(Math.max(1, c.oracle() * (1 - error)) - 0.5, c.oracle() * (1 + error) + 0.5);
            sumFactor += 2 * LengthPredictor.NoisyOracle.unit(c.id()) - 1;
        }
        // the factor is centred: its mean over 5,000 ids is within 0.05 of 0 (uniform: sd 0.0082)
        assertThat(sumFactor / n).isBetween(-0.05, 0.05);
    }

    @Test
    void noisyOracleIsSpreadOverItsRange() {
        long[] buckets = new long[10];
        LongStream.range(0, 10_000).forEach(id -> buckets[(int) (LengthPredictor.NoisyOracle.unit(id) * 10)]++);
        assertThat(LongStream.of(buckets).boxed().toList()).allSatisfy(b -> assertThat(b).isBetween(850L, 1_150L));
    }

    @Test
    void historyIsThePerAgentMeanOfWhatLeft() {
        LengthPredictor.AgentHistory h = new LengthPredictor.AgentHistory(50);
        assertThat(h.predict(new Call(1, 7, 999, 0))).isEqualTo(50);
        h.observe(new Call(1, 7, 999, 10));
        h.observe(new Call(2, 7, 999, 21));
        h.observe(new Call(3, 8, 999, 3));
        assertThat(h.predict(new Call(4, 7, 999, 0))).isEqualTo(16); // (10 + 21) / 2 = 15.5, rounded
        assertThat(h.predict(new Call(5, 8, 999, 0))).isEqualTo(3);
        assertThat(h.predict(new Call(6, 9, 999, 0))).isEqualTo(50);
        assertThat(h.clairvoyant()).isFalse();
    }

    @Test
    void historyForgetsTheOldestAgentBeyondItsBound() {
        LengthPredictor.AgentHistory h = new LengthPredictor.AgentHistory(50);
        for (int pid = 0; pid <= LengthPredictor.AgentHistory.MAX_AGENTS; pid++) {
            h.observe(new Call(pid, pid, 999, 7));
        }
        assertThat(h.predict(new Call(0, 0, 999, 0))).isEqualTo(50);
        assertThat(h.predict(new Call(1, 1, 999, 0))).isEqualTo(7);
    }

    @Test
    void rankQueueOrdersByRankThenIdAndForgetsWhatLeft() {
        RankQueue q = new RankQueue(new LengthPredictor.Oracle());
        SplittableRandom rnd = new SplittableRandom(11);
        List<Call> calls = LongStream.range(0, 500).mapToObj(id -> new Call(id, id, 1 + rnd.nextInt(20), 0)).toList();
        calls.forEach(c -> q.add(c, q.predicted(c)));
        for (int i = 0; i < 500; i += 3) {
            assertThat(q.remove(calls.get(i))).isTrue();
            assertThat(q.remove(calls.get(i))).isFalse();
        }
        long lastRank = -1;
        long lastId = -1;
        int polled = 0;
        while (q.size() > 0) {
            long rank = q.peekRank();
            CallView c = q.poll();
            assertThat(c.id() % 3).isNotZero();
            assertThat(rank > lastRank || (rank == lastRank && c.id() > lastId)).isTrue();
            lastRank = rank;
            lastId = c.id();
            q.completed(c);
            polled++;
        }
        assertThat(polled).isEqualTo(500 - 167);
        assertThat(q.known()).isZero();
    }
}
