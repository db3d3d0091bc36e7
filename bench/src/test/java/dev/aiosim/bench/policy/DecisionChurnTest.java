package dev.aiosim.bench.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.PolicyInfo;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.kernel.testing.TestPolicy;
import dev.aiosim.schedulers.priority.PriorityScheduler;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision benchmark's workload does what the benchmark claims: constant queue, full engine. */
class DecisionChurnTest {
    static Stream<Arguments> cases() {
        // every registered policy the synthetic calls can serve (they hide true lengths)
        return SchedulerRegistry.load().policies().stream().filter(p -> !p.clairvoyant()).map(PolicyInfo::name)
                .flatMap(p -> Stream.of(
                        Arguments.of(p, 16, 16, 2, 1, 1L),
                        Arguments.of(p, 200, 16, 4, 4, 7L),
                        Arguments.of(p, 1_000, 64, 4, 4, 42L)));
    }

    @ParameterizedTest(name = "{0}: {1} queued, {2} slots, {3} free, {4} levels")
    @MethodSource("cases")
    void queueLengthAndBatchStayConstant(String policy, int queued, int slots, int free, int levels, long seed) {
        DecisionChurn churn = DecisionChurn.forPolicy(policy, queued, slots, free, levels, seed);
        assertThat(churn.scheduler().queued()).isEqualTo(queued);
        assertThat(churn.engine().running()).hasSize(slots);
        long admittedBefore = churn.admissions();
        int cycles = 3_000;
        for (int i = 0; i < cycles; i++) {
            int admitted = churn.cycle();
            assertThat(admitted).isGreaterThanOrEqualTo(free);
            assertThat(churn.scheduler().queued()).isEqualTo(queued);
            List<SyntheticCall> running = churn.engine().running();
            assertThat(running).hasSize(slots).allMatch(SyntheticCall::running);
            assertThat(new HashSet<>(running)).hasSize(slots); // no call holds two slots
        }
        // every finished call was replaced by one admission, and every preempted one by another
        assertThat(churn.admissions() - admittedBefore).isEqualTo((long) cycles * free + churn.preemptions());
        assertThat(churn.step()).isEqualTo(cycles);
    }

    @Test
    void roundRobinTakesItsPreemptionPathWhenCallsOutliveTheQuantum() {
        // 64 slots, 4 free per step: a call would run 16 steps, twice the 8-token quantum
        DecisionChurn churn = DecisionChurn.forPolicy("rr", 500, 64, 4, 1, 3L);
        for (int i = 0; i < 2_000; i++) {
            churn.cycle();
        }
        assertThat(churn.preemptions()).isGreaterThan(2_000L);
        assertThat(churn.engine().running()).allMatch(c -> c.tokensSinceAdmitted() <= Integer.parseInt(DecisionChurn.RR_QUANTUM));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sjf-oracle", "srpt-oracle"})
    void oracleLengthRankingKeepsQueueAndBatchConstant(String policy) {
        DecisionChurn churn = DecisionChurn.forPolicy(policy, 500, 64, 4, 1, 3L);
        for (int i = 0; i < 2_000; i++) {
            churn.cycle();
            assertThat(churn.scheduler().queued()).isEqualTo(500);
            // srpt preempts only calls with more left than every call it admits in their place
            int shortestPreempted = churn.lastDecision().preemptions().stream()
                    .mapToInt(c -> c.oracleOutputTokens() - c.generatedTokens()).min().orElse(Integer.MAX_VALUE);
            int longestAdmitted = churn.lastDecision().admissions().stream()
                    .mapToInt(c -> c.oracleOutputTokens() - c.generatedTokens()).max().orElse(0);
            if (!churn.lastDecision().preemptions().isEmpty()) {
                assertThat(shortestPreempted).isGreaterThan(longestAdmitted);
            }
        }
        // as many calls arrive as finish, so a short arrival always finds a free slot: srpt, like
        // priority, preempts nothing here and its score is the search for a victim
        assertThat(churn.preemptions()).isZero();
    }

    @Test
    void priorityKeepsTheMostImportantCallsRunning() {
        DecisionChurn churn = DecisionChurn.forPolicy("priority", 500, 64, 4, 4, 3L);
        PriorityScheduler policy = (PriorityScheduler) churn.scheduler();
        for (int i = 0; i < 2_000; i++) {
            churn.cycle();
            int lowestRunning = churn.engine().running().stream().mapToInt(CallView::priority).min().orElseThrow();
            int highestQueued = policy.queuedByLevel().keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertThat(highestQueued).isLessThanOrEqualTo(lowestRunning);
        }
        assertThat(policy.queuedByLevel().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
    }

    @Test
    void fifoAdmitsInSubmissionOrderAndNeverPreempts() {
        DecisionChurn churn = DecisionChurn.forPolicy("fifo", 300, 16, 3, 4, 5L);
        long last = -1;
        for (CallView c : churn.engine().running()) {
            assertThat(c.id()).isGreaterThan(last);
            last = c.id();
        }
        for (int i = 0; i < 1_000; i++) {
            churn.cycle();
            for (CallView c : churn.lastDecision().admissions()) {
                assertThat(c.id()).isGreaterThan(last);
                last = c.id();
            }
        }
        assertThat(churn.preemptions()).isZero();
        // FIFO admits exactly the calls submitted queued + slots earlier
        assertThat(last).isEqualTo(300 + 16 + 1_000L * 3 - 300 - 1);
    }

    @Test
    void runningCallsGainOneTokenPerStep() {
        DecisionChurn churn = DecisionChurn.forPolicy("fifo", 100, 8, 1, 1, 9L);
        CallView youngest = churn.engine().running().get(7);
        assertThat(youngest.tokensSinceAdmitted()).isZero();
        churn.cycle();
        churn.cycle();
        assertThat(youngest.tokensSinceAdmitted()).isEqualTo(2);
        assertThat(youngest.generatedTokens()).isEqualTo(2);
        assertThat(youngest.contextTokens()).isEqualTo(youngest.promptTokens() + 2);
    }

    @Test
    void aPolicyThatLeavesSlotsEmptyIsCaught() {
        Scheduler idle = new TestPolicy("idle", TestPolicy.IDLE);
        assertThatThrownBy(() -> new DecisionChurn(idle, 10, 4, 1, 1, 1L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 of 4 slots taken");
    }

    @Test
    void rejectsAQueueShorterThanTheBatch() {
        assertThatThrownBy(() -> DecisionChurn.forPolicy("fifo", 4, 8, 1, 1, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queued >= slots");
    }
}
