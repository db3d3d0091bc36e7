package dev.aiosim.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.EngineView;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.testing.PolicySamples;
import dev.aiosim.kernel.testing.PolicySamples.PolicySample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Scheduler#remove}, which a live run uses when an agent cancels a queued call: the call
 * leaves the policy's queue, the others keep their order, and the policy keeps deciding. Driven
 * directly with minimal views, for every registered policy.
 */
class RemoveTest {
    private record Call(long id, int priority, long enqueuedAt) implements CallView {
        @Override public long agentPid() { return id; }
        @Override public double weight() { return 1; }
        @Override public String group() { return "default"; }
        @Override public int promptTokens() { return 10; }
        @Override public int maxTokens() { return 0; }
        @Override public int generatedTokens() { return 0; }
        @Override public long submittedAt() { return enqueuedAt; }
        @Override public long admittedAt() { return -1; }
        @Override public int tokensSinceAdmitted() { return 0; }
        @Override public int preemptions() { return 0; }
        @Override public boolean hasSnapshot() { return false; }
        @Override public int oracleOutputTokens() { return 5; }
    }

    /** An idle engine with {@code slots} free slots and plenty of KV. */
    private record Idle(int slots) implements EngineView {
        @Override public int id() { return 0; }
        @Override public List<? extends CallView> running() { return List.of(); }
        @Override public long kvCapacityTokens() { return 1_000_000; }
        @Override public long freeKvTokens() { return 1_000_000; }
    }

    private static List<Long> admitAll(Scheduler s, long now) {
        Decision d = new Decision();
        EngineView e = new Idle(100);
        d.reset(e);
        s.decide(e, now, d);
        List<Long> ids = new ArrayList<>();
        for (CallView c : d.admissions()) {
            ids.add(c.id());
        }
        return ids;
    }

    /** Every registered policy with its defaults. */
    static List<PolicySample> policies() {
        return PolicySamples.defaults();
    }

    @ParameterizedTest
    @MethodSource("policies")
    void aRemovedCallIsNeverAdmittedAndTheOthersKeepTheirOrder(PolicySample policy) {
        Scheduler s = policy.factory().create(0);
        Call a = new Call(1, 0, 0);
        Call b = new Call(2, 0, 1);
        Call c = new Call(3, 0, 2);
        for (Call x : List.of(a, b, c)) {
            s.enqueue(x, x.enqueuedAt());
        }
        assertThat(s.remove(b, 3)).isTrue();
        assertThat(s.remove(b, 3)).as("a second remove finds nothing").isFalse();
        assertThat(s.queued()).isEqualTo(2);
        assertThat(admitAll(s, 4)).containsExactly(1L, 3L);
        assertThat(s.queued()).isZero();
    }

    @ParameterizedTest
    @MethodSource("policies")
    void removingTheOnlyCallOfTheTopLevelLeavesTheRestSchedulable(PolicySample policy) {
        Scheduler s = policy.factory().create(0);
        Call low = new Call(1, 0, 0);
        Call high = new Call(2, 5, 1);
        s.enqueue(low, 0);
        s.enqueue(high, 1);
        assertThat(s.remove(high, 2)).isTrue();
        assertThat(admitAll(s, 3)).containsExactly(1L);
        // the emptied level is usable again
        Call again = new Call(3, 5, 4);
        s.enqueue(again, 4);
        assertThat(admitAll(s, 5)).containsExactly(3L);
    }
}
