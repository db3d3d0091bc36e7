package dev.aiosim.bench.policy;

import dev.aiosim.kernel.scheduler.CallView;
import dev.aiosim.kernel.scheduler.Decision;
import dev.aiosim.kernel.scheduler.Scheduler;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One engine in steady state under a policy, with a constant number of queued calls, driven one
 * engine step at a time the way the kernel drives it: the {@code freeSlots} oldest running calls
 * finish (and are recycled as as many new submissions, {@link Scheduler#enqueue}), the policy
 * {@link Scheduler#decide decides}, its preemptions go back through {@link Scheduler#requeue}
 * and its admissions take the slots. After every {@link #cycle()} the engine is full again and
 * the policy holds exactly {@code queued} calls; a cycle checks both and throws otherwise, so a
 * benchmark of it measures one decision at that queue length and nothing drifts.
 *
 * <p>New calls get a priority drawn uniformly from {@code levels} levels, a prompt of 100 to
 * 2,000 tokens and an output length of 1 to 2,000 tokens (a rank for clairvoyant policies only)
 * from precomputed tables, so a cycle allocates nothing itself. The KV pool is
 * not a limit (see {@link SyntheticEngine}).
 */
public final class DecisionChurn {
    /** Virtual time between two decisions. */
    public static final long STEP_NANOS = 10_000_000L;
    /** Quantum of {@code rr} in {@link #forPolicy}: small enough that calls expire in the churn. */
    public static final String RR_QUANTUM = "8";

    /** Top-queue bound of {@code plas} and {@code atlas} in {@link #forPolicy}: agents' service (0-1 s) spreads calls over the queues. */
    public static final String PROGRAM_FIRST = "50ms";

    private static final int TABLE = 1 << 12;

    private final Scheduler scheduler;
    private final SyntheticEngine engine;
    private final Decision decision = new Decision();
    private final int queued;
    private final int freeSlots;
    private final SyntheticCall[] done;
    private final int[] priorities = new int[TABLE];
    private final int[] prompts = new int[TABLE];
    private final int[] outputs = new int[TABLE];
    private final long[] services = new long[TABLE];
    private long step;
    private long now;
    private long nextId;
    private long admissions;
    private long preemptions;

    /**
     * Fills the policy with {@code queued + slots} calls, lets it fill the empty engine once, and
     * checks that it then holds {@code queued}.
     *
     * @param scheduler a fresh policy instance
     * @param queued calls waiting in the policy at every decision, >= slots
     * @param slots the engine's max batch, >= 1
     * @param freeSlots calls finishing before each decision (the free slots it fills), 1..slots
     * @param levels priority levels of new calls (0 .. levels-1), >= 1
     */
    public DecisionChurn(Scheduler scheduler, int queued, int slots, int freeSlots, int levels, long seed) {
        if (slots < 1 || freeSlots < 1 || freeSlots > slots || queued < slots || levels < 1) {
            throw new IllegalArgumentException("expected slots >= 1, 1 <= freeSlots <= slots, queued >= slots, levels >= 1; got queued "
                    + queued + ", slots " + slots + ", freeSlots " + freeSlots + ", levels " + levels);
        }
        this.scheduler = scheduler;
        this.engine = new SyntheticEngine(slots);
        this.queued = queued;
        this.freeSlots = freeSlots;
        this.done = new SyntheticCall[freeSlots];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < TABLE; i++) {
            priorities[i] = rnd.nextInt(levels);
            prompts[i] = 100 + rnd.nextInt(1_901);
        }
        // drawn after the other tables, so their values are the same as before outputs existed
        for (int i = 0; i < TABLE; i++) {
            outputs[i] = 1 + rnd.nextInt(2_000);
        }
        for (int i = 0; i < TABLE; i++) {
            services[i] = rnd.nextLong(1_000_000_000L);
        }
        for (int i = 0; i < queued + slots; i++) {
            SyntheticCall c = new SyntheticCall(this);
            submit(c);
        }
        decideAndApply();
        check();
    }

    /**
     * A churn for a registered policy by name; {@code rr} gets an {@value #RR_QUANTUM}-token
     * quantum, {@code vtc} a client per agent (1,000 agents: every call is in the single group
     * "bench"), {@code mlfq} promotion after 1 h and {@code plas} and {@code atlas} a
     * {@value #PROGRAM_FIRST} top queue and no anti-starvation (the churn keeps every call waiting
     * for minutes: with promotion on, every call would be promoted and the promoted calls would
     * displace the whole batch at every step, a property of this workload, not of a decision), and {@code sjf-oracle} / {@code srpt-oracle} are {@code sjf} / {@code srpt} with
     * {@code flavour: oracle} (ranking by the table's output lengths).
     */
    public static DecisionChurn forPolicy(String policy, int queued, int slots, int freeSlots, int levels, long seed) {
        Map<String, String> params = switch (policy) {
            case "rr" -> Map.of("quantum", RR_QUANTUM);
            case "vtc" -> Map.of("client", "agent");
            case "mlfq" -> Map.of("starvation", "1h");
            case "plas", "atlas" -> Map.of("first", PROGRAM_FIRST, "beta", "off");
            default -> Map.of();
        };
        String name = policy;
        if (policy.equals("sjf-oracle") || policy.equals("srpt-oracle")) {
            name = policy.substring(0, policy.indexOf('-'));
            params = Map.of("flavour", "oracle");
        }
        Scheduler s = SchedulerRegistry.load().factory(name, params).create(0);
        return new DecisionChurn(s, queued, slots, freeSlots, levels, seed);
    }

    /**
     * One engine step: the oldest {@code freeSlots} running calls finish and as many new calls are
     * submitted, then one decision is made and carried out. Returns the number of admissions.
     */
    public int cycle() {
        step++;
        now += STEP_NANOS;
        List<SyntheticCall> running = engine.running;
        for (int i = 0; i < freeSlots; i++) {
            done[i] = running.get(i);
        }
        running.subList(0, freeSlots).clear();
        for (SyntheticCall c : done) {
            c.complete();
            scheduler.completed(c, now);
            submit(c);
        }
        int admitted = decideAndApply();
        check();
        return admitted;
    }

    private void submit(SyntheticCall c) {
        long id = nextId++;
        int k = (int) (id & (TABLE - 1));
        c.submit(id, id % 1_000, priorities[k], prompts[k], outputs[k], services[k], now);
        scheduler.enqueue(c, now);
    }

    private int decideAndApply() {
        decision.reset(engine);
        scheduler.decide(engine, now, decision);
        List<CallView> out = decision.preemptions();
        for (int i = 0; i < out.size(); i++) {
            SyntheticCall c = (SyntheticCall) out.get(i);
            if (!engine.running.remove(c)) {
                throw new IllegalStateException(scheduler.name() + " preempted " + c + " which is not running");
            }
            c.preempt(now);
            scheduler.requeue(c, now);
        }
        List<CallView> in = decision.admissions();
        for (int i = 0; i < in.size(); i++) {
            SyntheticCall c = (SyntheticCall) in.get(i);
            c.admit(now);
            engine.running.add(c);
        }
        preemptions += out.size();
        admissions += in.size();
        return in.size();
    }

    private void check() {
        if (engine.running.size() != engine.slots() || scheduler.queued() != queued) {
            throw new IllegalStateException(scheduler.name() + " after step " + step + ": " + engine.running.size()
                    + " of " + engine.slots() + " slots taken and " + scheduler.queued() + " calls queued; expected a full engine and "
                    + queued + " queued");
        }
    }

    /** Engine steps (decisions after the first fill) so far. */
    public long step() {
        return step;
    }

    public long now() {
        return now;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public SyntheticEngine engine() {
        return engine;
    }

    /** The admissions and preemptions of the last decision. */
    public Decision lastDecision() {
        return decision;
    }

    /** Admissions so far, the first fill included. */
    public long admissions() {
        return admissions;
    }

    public long preemptions() {
        return preemptions;
    }
}
