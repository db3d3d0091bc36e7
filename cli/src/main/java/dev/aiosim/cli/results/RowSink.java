package dev.aiosim.cli.results;

import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.MetricsSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams one run's call and agent rows to {@code calls.csv} and {@code agents.csv} as the kernel
 * makes them final, and its timeline samples to {@code timeline.csv}, prefixed with the policy
 * label and seed; nothing is kept in memory. Times are integer microseconds, -1 for "did not
 * happen"; timeline times are seconds.
 */
final class RowSink implements MetricsSink {
    static final String[] CALL_HEADER = {"policy", "seed", "call_id", "agent_pid", "priority", "engine",
        "prompt_tokens", "output_tokens", "generated_tokens", "status", "submitted_us", "first_admitted_us",
        "first_token_us", "completed_us", "queueing_us", "ttft_us", "e2e_us", "max_tbt_us", "preemptions",
        "swapped_out_bytes", "swapped_in_bytes", "recomputed_tokens", "prefix_hit_tokens"};
    static final String[] AGENT_HEADER = {"policy", "seed", "pid", "name", "priority", "weight", "arrival_us",
        "finished_us", "turnaround_us", "llm_calls", "other_calls", "waiting_us", "service_tokens"};
    static final String[] TIMELINE_HEADER = {"policy", "seed", "time_s", "engine", "queued", "running", "kv_tokens",
        "kv_fraction"};

    private final CSVPrinter calls;
    private final CSVPrinter agents;
    private final String policy;
    private final String seed;
    private final java.util.function.Supplier<CSVPrinter> timeline;

    /** @param timeline opens (once) the timeline file, on the first sample */
    RowSink(CSVPrinter calls, CSVPrinter agents, java.util.function.Supplier<CSVPrinter> timeline, String policy, long seed) {
        this.calls = calls;
        this.agents = agents;
        this.timeline = timeline;
        this.policy = policy;
        this.seed = Long.toString(seed);
    }

    @Override
    public void call(CallRecord c) {
        try {
            calls.printRecord(policy, seed, c.callId(), c.agentPid(), c.priority(), c.engine(), c.promptTokens(),
                    c.outputTokens(), c.generatedTokens(), c.status().name(), CallRecord.us(c.submittedAt()),
                    CallRecord.us(c.firstAdmittedAt()), CallRecord.us(c.firstTokenAt()), CallRecord.us(c.completedAt()),
                    CallRecord.us(c.queueingNanos()), CallRecord.us(c.ttftNanos()), CallRecord.us(c.e2eNanos()),
                    CallRecord.us(c.maxTbtNanos()), c.preemptions(), c.swappedOutBytes(), c.swappedInBytes(),
                    c.recomputedTokens(), c.prefixHitTokens());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write calls.csv of the results: " + OutputFile.reason(e), e);
        }
    }

    @Override
    public void agent(AgentRecord a) {
        try {
            java.util.List<Object> row = new java.util.ArrayList<>(java.util.Arrays.asList(policy, seed, a.pid(), a.name(),
                    a.priority(), Fmt.plain(a.weight()), CallRecord.us(a.arrivalAt()), CallRecord.us(a.finishedAt()),
                    CallRecord.us(a.turnaroundNanos()), a.llmCalls(), a.otherCalls(), CallRecord.us(a.waitingNanos()),
                    a.serviceTokens()));
            if (a.services() != null) { // the run reports the services: the header has their columns
                row.addAll(ServiceColumns.agent(a));
            }
            agents.printRecord(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write agents.csv of the results: " + OutputFile.reason(e), e);
        }
    }

    @Override
    public void sample(long timeNanos, int engine, int queued, int running, long kvTokens, long kvCapacityTokens) {
        try {
            timeline.get().printRecord(policy, seed, Fmt.fixed(timeNanos / 1e9, 6), engine, queued, running, kvTokens,
                    Fmt.fixed(kvCapacityTokens == 0 ? 0 : (double) kvTokens / kvCapacityTokens, 6));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write timeline.csv of the results: " + OutputFile.reason(e), e);
        }
    }
}
