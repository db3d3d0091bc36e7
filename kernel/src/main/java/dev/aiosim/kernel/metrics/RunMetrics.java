package dev.aiosim.kernel.metrics;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.context.SnapshotCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Everything one run measures (DESIGN.md §7): counters, distributions, per-priority breakdowns
 * and engine utilisation. The kernel fills it while running; reports read it afterwards. Rows
 * are forwarded to a {@link MetricsSink} and not kept.
 */
public final class RunMetrics {
    private final MetricsSink sink;
    private final Slo slo;

    private final Histogram queueing = Histograms.micros();
    private final Histogram ttft = Histograms.micros();
    private final Histogram tbt = Histograms.micros();
    private final Histogram e2e = Histograms.micros();
    private final Histogram turnaround = Histograms.micros();
    private final Histogram agentWaiting = Histograms.micros();
    private final Map<Integer, ClassStats> classes = new TreeMap<>();

    long agentsArrived;
    long agentsFinished;
    long llmSubmitted;
    long llmCompleted;
    long llmUnfinished;
    long llmRejected;
    long llmCancelled;
    long llmFailed;
    final dev.aiosim.kernel.fault.FaultCounters faults = new dev.aiosim.kernel.fault.FaultCounters();
    long otherSubmitted;
    long otherCompleted;
    long outputTokensAsked;
    long outputTokensServed;
    long promptTokens;
    long preemptions;
    long sloMet;
    long makespanNanos;
    long events;
    long wallNanos;
    long skippedRows;
    long filteredRows;
    long busyNanos;
    long steps;
    long batchSum;
    double kvTokenNanos;
    long kvCapacityTokens;
    int engines;
    double jainSum;
    double jainSumSq;
    long jainN;
    final SnapshotCounters snapshots = new SnapshotCounters();
    private final ServiceTotals services = new ServiceTotals();
    private final List<EngineStats> engineStats = new ArrayList<>();

    public RunMetrics(MetricsSink sink, Slo slo) {
        this.sink = sink;
        this.slo = slo;
    }

    // ---- recording, kernel thread only -------------------------------------------------------

    /** Records a final call row. */
    public void call(CallRecord c) {
        switch (c.status()) {
            case COMPLETED -> {
                llmCompleted++;
                outputTokensServed += c.generatedTokens();
                outputTokensAsked += c.outputTokens();
                Histograms.recordNanos(e2e, c.e2eNanos());
                if (slo.met(c)) {
                    sloMet++;
                }
            }
            case UNFINISHED -> llmUnfinished++;
            case REJECTED -> llmRejected++;
            case CANCELLED -> llmCancelled++;
            case FAILED -> llmFailed++;
        }
        Histograms.recordNanos(queueing, c.queueingNanos());
        Histograms.recordNanos(ttft, c.ttftNanos());
        preemptions += c.preemptions();
        classes.computeIfAbsent(c.priority(), ClassStats::new).call(c);
        sink.call(c);
    }

    /** Records one gap between two consecutive output tokens of a call. */
    public void tokenGap(long nanos) {
        Histograms.recordNanos(tbt, nanos);
    }

    /** Records a final agent row. */
    public void agent(AgentRecord a) {
        if (a.finished()) {
            agentsFinished++;
            Histograms.recordNanos(turnaround, a.turnaroundNanos());
            Histograms.recordNanos(agentWaiting, a.waitingNanos());
            if (a.turnaroundNanos() > 0) {
                double x = a.serviceTokens() / (a.weight() * seconds(a.turnaroundNanos()));
                jainSum += x;
                jainSumSq += x * x;
                jainN++;
            }
        }
        classes.computeIfAbsent(a.priority(), ClassStats::new).agent(a);
        sink.agent(a);
    }

    private static double seconds(long n) {
        return n / 1e9;
    }

    public void onAgentArrived() {
        agentsArrived++;
    }

    public void onLlmSubmitted(int promptTokens) {
        llmSubmitted++;
        this.promptTokens += promptTokens;
    }

    public void onOtherSubmitted() {
        otherSubmitted++;
    }

    public void onOtherCompleted() {
        otherCompleted++;
    }

    /** Adds the counters of engine {@code id} (engines register in id order when the kernel starts). */
    public EngineStats addEngine(int id) {
        EngineStats s = new EngineStats(id);
        engineStats.add(s);
        return s;
    }

    /** One engine step of {@code nanos} with {@code batch} running calls holding {@code kvTokens}. */
    public void step(long nanos, int batch, long kvTokens) {
        steps++;
        busyNanos += nanos;
        batchSum += batch;
        kvTokenNanos += (double) kvTokens * nanos;
    }

    public void finish(long makespanNanos, long events, long wallNanos, long skippedRows, int engines,
                       long kvCapacityTokens, SnapshotCounters... perEngine) {
        this.makespanNanos = makespanNanos;
        this.events = events;
        this.wallNanos = wallNanos;
        this.skippedRows = skippedRows;
        this.engines = engines;
        this.kvCapacityTokens = kvCapacityTokens;
        for (SnapshotCounters c : perEngine) {
            c.addTo(snapshots);
        }
    }

    // ---- reading --------------------------------------------------------------------------------

    public long agentsArrived() { return agentsArrived; }
    public long agentsFinished() { return agentsFinished; }
    public long llmSubmitted() { return llmSubmitted; }
    public long llmCompleted() { return llmCompleted; }
    public long llmUnfinished() { return llmUnfinished; }
    public long llmRejected() { return llmRejected; }
    public long llmCancelled() { return llmCancelled; }
    /** LLM calls that failed for good under fault injection. */
    public long llmFailed() { return llmFailed; }
    /** What fault injection did in this run (all zero without faults). */
    public dev.aiosim.kernel.fault.FaultCounters faults() { return faults; }
    public long otherSubmitted() { return otherSubmitted; }
    public long otherCompleted() { return otherCompleted; }
    /** Output tokens the completed calls asked for. */
    public long outputTokensAsked() { return outputTokensAsked; }

    /**
     * The end-of-run balance (DESIGN.md §10): every submitted LLM call is completed, unfinished,
     * rejected, cancelled or failed, and completed calls were served exactly the tokens they asked for.
     *
     * @throws InvariantViolation when it does not hold
     */
    public void checkBalanced() {
        if (llmSubmitted() != llmCompleted + llmUnfinished + llmRejected + llmCancelled + llmFailed) {
            throw new InvariantViolation("submitted " + llmSubmitted() + " LLM calls but completed " + llmCompleted
                    + " + unfinished " + llmUnfinished + " + rejected " + llmRejected + " + cancelled " + llmCancelled
                    + " + failed " + llmFailed);
        }
        if (outputTokensServed() != outputTokensAsked) {
            throw new InvariantViolation("served " + outputTokensServed() + " output tokens for completed calls that asked for "
                    + outputTokensAsked);
        }
    }
    /** Output tokens generated for the completed calls. */
    public long outputTokensServed() { return outputTokensServed; }
    public long promptTokens() { return promptTokens; }
    public long preemptions() { return preemptions; }
    public long sloMet() { return sloMet; }
    public long makespanNanos() { return makespanNanos; }
    public long events() { return events; }
    public long wallNanos() { return wallNanos; }
    public long skippedRows() { return skippedRows; }

    /** Trace rows the reader left out by its documented rule (e.g. BurstGPT's failed requests), not as bad. */
    public long filteredRows() { return filteredRows; }

    /** Records how many trace rows the workload's reader filtered out (see {@link #filteredRows()}). */
    public void filteredRows(long rows) {
        this.filteredRows = rows;
    }
    public long steps() { return steps; }
    public SnapshotCounters snapshots() { return snapshots; }
    /** The agent-OS services' totals: denials, page-outs, memory and storage managers. */
    public ServiceTotals services() { return services; }
    public Histogram queueing() { return queueing; }
    public Histogram ttft() { return ttft; }
    public Histogram tbt() { return tbt; }
    public Histogram e2e() { return e2e; }
    public Histogram turnaround() { return turnaround; }
    public Histogram agentWaiting() { return agentWaiting; }
    public Map<Integer, ClassStats> classes() { return classes; }
    /** Per-engine counters, by engine id. */
    public List<EngineStats> engineStats() { return Collections.unmodifiableList(engineStats); }

    /** Engine counters summed over the cluster (engine id -1). */
    public EngineStats engineTotals() {
        EngineStats t = new EngineStats(-1);
        engineStats.forEach(e -> e.addTo(t));
        return t;
    }

    /** Prefix hit tokens / looked-up cacheable tokens over the run; NaN without lookups. */
    public double prefixHitRate() {
        return engineTotals().hitRate();
    }

    /** Prefill tokens the prefix cache saved over the run. */
    public long prefillTokensSaved() {
        return engineTotals().prefillTokensSaved();
    }

    /** Cached blocks evicted over the run. */
    public long prefixEvictions() {
        return engineTotals().evictedBlocks();
    }

    private double makespanSeconds() {
        return makespanNanos / 1e9;
    }

    /** Output tokens per simulated second over the makespan. */
    public double outputTokensPerSecond() {
        return makespanNanos == 0 ? 0 : outputTokensServed / makespanSeconds();
    }

    /** Completed LLM calls per simulated second. */
    public double callsPerSecond() {
        return makespanNanos == 0 ? 0 : llmCompleted / makespanSeconds();
    }

    /** Completed calls meeting every SLO, per simulated second. */
    public double goodput() {
        return makespanNanos == 0 ? 0 : sloMet / makespanSeconds();
    }

    /** Fraction of engine-time spent in steps. */
    public double busyFraction() {
        return makespanNanos == 0 || engines == 0 ? 0 : busyNanos / ((double) makespanNanos * engines);
    }

    /** Mean running calls per step. */
    public double meanBatch() {
        return steps == 0 ? 0 : batchSum / (double) steps;
    }

    /** Time-weighted mean KV occupancy while engines are busy, as a fraction of capacity. */
    public double meanKvUse() {
        return busyNanos == 0 || kvCapacityTokens == 0 ? 0 : kvTokenNanos / busyNanos / ((double) kvCapacityTokens / engines);
    }

    /**
     * Jain's fairness index over finished agents' normalised service rate,
     * x = (prompt + generated tokens) / (weight x turnaround seconds); 1 is perfectly fair.
     */
    public double jainFairness() {
        return jainN == 0 || jainSumSq == 0 ? Double.NaN : (jainSum * jainSum) / (jainN * jainSumSq);
    }

    /** Simulated seconds per wall-clock second. */
    public double speedup() {
        return wallNanos == 0 ? Double.NaN : makespanNanos / (double) wallNanos;
    }

    /** Events processed per wall-clock second. */
    public double eventsPerSecond() {
        return wallNanos == 0 ? Double.NaN : events * 1e9 / wallNanos;
    }
}
