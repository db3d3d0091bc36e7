package dev.aiosim.bench.jmh;

import dev.aiosim.bench.policy.DecisionChurn;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one scheduling decision per policy as the queue grows (DESIGN.md §5 asks for
 * O(log n) in queued calls). One operation = one engine step of {@link DecisionChurn}: 4 of the
 * 64 running calls finish and 4 new calls are enqueued, the policy decides (rr: with an 8-token
 * quantum, so it also preempts and requeues expired calls), and the decision is carried out;
 * the policy holds exactly {@code queued} calls at every decision. Priorities of new calls are
 * uniform over 4 levels; as many calls arrive as finish, so priority finds no victim to preempt
 * in steady state and its score is the search for one. {@code sjf} and {@code srpt} run their
 * default flavour (predicted by agent history: every churned call runs 16 steps, so most ranks
 * tie); {@code sjf-oracle} and {@code srpt-oracle} rank by output lengths of 1 to 2,000 tokens
 * from a table. As for priority, a shorter arrival always finds a free slot, so srpt preempts
 * nothing in steady state: its score includes sorting the batch in search of a victim.
 * {@code mlfq} places new calls by a prefill time of 20 us per prompt token (levels 0-2) and
 * demotes running calls every 10 ms step; {@code plas} and {@code atlas} place them by an agent
 * service of 0-1 s from a table (queue bound 50 ms): both preempt in steady state, since new
 * calls often enter above demoted running ones. Their promotion of starved calls is off in the
 * churn (see {@link DecisionChurn#forPolicy}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchedulerDecisionBenchmark {
    static final int SLOTS = 64;
    static final int FREE_SLOTS = 4;
    static final int LEVELS = 4;

    @Param({"fifo", "rr", "priority", "sjf", "srpt", "sjf-oracle", "srpt-oracle", "vtc", "edf", "mlfq", "plas", "atlas"})
    String policy;

    @Param({"1000", "100000", "1000000"})
    int queued;

    private DecisionChurn churn;

    @Setup(Level.Trial)
    public void setUp() {
        churn = DecisionChurn.forPolicy(policy, queued, SLOTS, FREE_SLOTS, LEVELS, 42);
    }

    @Benchmark
    public int decide() {
        return churn.cycle();
    }
}
