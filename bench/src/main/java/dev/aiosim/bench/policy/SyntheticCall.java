package dev.aiosim.bench.policy;

import dev.aiosim.kernel.scheduler.CallView;

/**
 * A call view for the decision benchmark. The kernel's own call class is internal to it, so the
 * benchmark keeps its own: mutable (a completed call is recycled as a new submission, so a long
 * benchmark allocates nothing) and O(1) on every accessor. Output tokens are counted in engine
 * steps from {@link DecisionChurn#step()}: a running call gains one token per step, as in the
 * kernel, without anything having to touch every running call.
 */
public final class SyntheticCall implements CallView {
    private final DecisionChurn churn;
    private long id;
    private long agentPid;
    private int priority;
    private int promptTokens;
    private int outputTokens;
    private long agentServiceNanos;
    private long submittedAt;
    private long enqueuedAt;
    private long admittedAt = -1;
    private long admittedStep;
    private int generatedBefore;
    private int preemptions;
    private boolean running;

    SyntheticCall(DecisionChurn churn) {
        this.churn = churn;
    }

    /** Makes this object a fresh submission (a new id, nothing generated, never admitted). */
    void submit(long newId, long pid, int newPriority, int prompt, int output, long agentService, long now) {
        id = newId;
        agentServiceNanos = agentService;
        outputTokens = output;
        agentPid = pid;
        priority = newPriority;
        promptTokens = prompt;
        submittedAt = now;
        enqueuedAt = now;
        admittedAt = -1;
        generatedBefore = 0;
        preemptions = 0;
        running = false;
    }

    void admit(long now) {
        if (running) {
            throw new IllegalStateException("call " + id + " admitted while running");
        }
        running = true;
        admittedAt = now;
        admittedStep = churn.step();
    }

    void preempt(long now) {
        if (!running) {
            throw new IllegalStateException("call " + id + " preempted while not running");
        }
        generatedBefore = generatedTokens();
        running = false;
        preemptions++;
        enqueuedAt = now;
    }

    void complete() {
        if (!running) {
            throw new IllegalStateException("call " + id + " completed while not running");
        }
        generatedBefore = generatedTokens();
        running = false;
    }

    /** Whether the call is in a slot (as opposed to queued). */
    public boolean running() {
        return running;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public long agentPid() {
        return agentPid;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public double weight() {
        return 1.0;
    }

    @Override
    public String group() {
        return "bench";
    }

    @Override
    public int promptTokens() {
        return promptTokens;
    }

    @Override
    public int maxTokens() {
        return 0;
    }

    @Override
    public int generatedTokens() {
        return generatedBefore + tokensSinceAdmitted();
    }

    /** The agent's attained service, drawn from a table (0 to 1 s), for program-level policies (plas, atlas). */
    @Override
    public long agentServiceNanos() {
        return agentServiceNanos;
    }

    /** Half the agent's service: as if half of it had been spent in parallel calls off the critical path (atlas). */
    @Override
    public long agentCriticalPathNanos() {
        return agentServiceNanos / 2;
    }

    @Override
    public long submittedAt() {
        return submittedAt;
    }

    @Override
    public long enqueuedAt() {
        return enqueuedAt;
    }

    @Override
    public long admittedAt() {
        return admittedAt;
    }

    @Override
    public int tokensSinceAdmitted() {
        return running ? (int) (churn.step() - admittedStep) : 0;
    }

    @Override
    public int preemptions() {
        return preemptions;
    }

    @Override
    public boolean hasSnapshot() {
        return preemptions > 0 && !running;
    }

    /**
     * A length drawn from a table (1 to 2,000 tokens) for clairvoyant policies to rank by. It is
     * only a rank: the churn still finishes the oldest running calls, whatever their length.
     */
    @Override
    public int oracleOutputTokens() {
        return outputTokens;
    }

    @Override
    public String toString() {
        return "call " + id + " (priority " + priority + (running ? ", running)" : ", queued)");
    }
}
