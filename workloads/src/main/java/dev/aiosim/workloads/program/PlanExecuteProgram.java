package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A plan-and-execute agent in the style of LLMCompiler (Kim et al., ICML 2024) and
 * plan-and-solve agents: a planner call, a parallel fan-out of worker calls that execute the
 * plan's steps, and a join call that reads every worker's output. Exists because its parallel
 * calls, which all belong to one program and gate its progress together, are what program-level
 * schedulers (Autellix, Luo et al., 2025) are designed for and what a ReAct chain never shows.
 *
 * <p>Per round (of {@code rounds}):
 * <ol>
 *   <li><b>plan</b>: prompt = history + a new task ({@code task} tokens); the history starts as the
 *       system prompt. The plan context is that prompt + the plan's generated tokens.</li>
 *   <li><b>fan-out</b>: one {@link FanOut} of k worker LLM calls, worker j prompted with the plan
 *       context + its own {@code workerPrompt} tokens and generating {@code workerOutput}; with a
 *       tool latency, the fan-out also holds one {@link ToolCall} per worker (worker j's tool runs
 *       in parallel with the workers, after each worker in the children list), modelling tool
 *       steps the plan runs concurrently. Every child starts at the same instant.</li>
 *   <li><b>join</b>: prompt = plan context + the generated tokens of every worker; it generates
 *       {@code output}. The history becomes the join prompt + its generated tokens.</li>
 * </ol>
 * "Generated tokens" is {@link LlmCall#tokensToGenerate()}, what the engine returns.
 *
 * <p>Prefixes: plan and join calls extend one chain and carry {@code Prefix.Session(session, 16)};
 * a worker's prompt carries {@code Prefix.Blocks} whose full blocks inside the plan context have
 * the session's names (shared with the plan call and the other workers) and whose other blocks
 * have names of their own.
 *
 * <p>Draw order: (at construction: rounds, system prompt); per round: task and plan output when
 * the plan is issued; k, then per worker: its prompt, its output and (with tools) its tool latency
 * when the fan-out is issued; the join output when the join is issued. A syscall or fan-out that
 * does not complete (a rejected child) ends the agent.
 */
public final class PlanExecuteProgram implements Program {
    /** Tokens per KV block of the prefixes (vLLM's default block size). */
    public static final int BLOCK_TOKENS = 16;

    private enum Phase { PLAN, FAN_OUT, JOIN }

    private final int rounds;
    private final LongSupplier task;
    private final LongSupplier output;
    private final LongSupplier fanout;
    private final LongSupplier workerPrompt;
    private final LongSupplier workerOutput;
    private final LongSupplier toolLatencyNanos;
    private final int maxTokens;
    private final String tool;
    private final long session;
    private final Prefix.Session chain;

    private long history;
    private long planContext;
    private long joinPrompt;
    private int round;
    private Phase phase;
    private Syscall last;
    private boolean finished;

    /**
     * @param rounds plan/fan-out/join rounds, >= 1
     * @param systemPrompt tokens before the first task, >= 0
     * @param task new tokens of each plan prompt, each >= 0 (the first prompt must come to >= 1)
     * @param output true output tokens of plan and join calls, each >= 1
     * @param fanout workers per round, each >= 1
     * @param workerPrompt new tokens of each worker's prompt, each >= 0
     * @param workerOutput true output tokens of each worker, each >= 1
     * @param toolLatencyNanos latency of each worker's parallel tool call, or null for no tool calls
     * @param maxTokens cap on generated tokens, 0 for none
     * @param tool tool name for the tool calls
     * @param session prefix-cache session key, unique within the workload
     */
    public PlanExecuteProgram(int rounds, long systemPrompt, LongSupplier task, LongSupplier output,
                              LongSupplier fanout, LongSupplier workerPrompt, LongSupplier workerOutput,
                              LongSupplier toolLatencyNanos, int maxTokens, String tool, long session) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        if (systemPrompt < 0) {
            throw new IllegalArgumentException("systemPrompt must be >= 0, got " + systemPrompt);
        }
        this.rounds = rounds;
        this.history = systemPrompt;
        this.task = Objects.requireNonNull(task, "task");
        this.output = Objects.requireNonNull(output, "output");
        this.fanout = Objects.requireNonNull(fanout, "fanout");
        this.workerPrompt = Objects.requireNonNull(workerPrompt, "workerPrompt");
        this.workerOutput = Objects.requireNonNull(workerOutput, "workerOutput");
        this.toolLatencyNanos = toolLatencyNanos;
        this.maxTokens = maxTokens;
        this.tool = Objects.requireNonNull(tool, "tool");
        this.session = session;
        this.chain = new Prefix.Session(session, BLOCK_TOKENS);
    }

    /** Number of rounds this agent makes if nothing is rejected. */
    public int rounds() {
        return rounds;
    }

    @Override
    public Syscall next(SyscallResult previous) {
        if (finished) {
            return null;
        }
        Programs.checkResult(previous, last);
        if (previous == null) {
            return plan();
        }
        if (!previous.ok()) {
            return end();
        }
        return switch (phase) {
            case PLAN -> fanOut();
            case FAN_OUT -> join();
            case JOIN -> round == rounds ? end() : plan();
        };
    }

    private Syscall plan() {
        round++;
        long prompt = history + task.getAsLong();
        long out = output.getAsLong();
        LlmCall call = new LlmCall(Programs.tokens(prompt, "round " + round + " plan prompt"),
                Programs.tokens(out, "round " + round + " plan output"), maxTokens, chain);
        planContext = prompt + call.tokensToGenerate();
        return issue(call, Phase.PLAN);
    }

    private Syscall fanOut() {
        long k = fanout.getAsLong();
        if (k < 1 || k > 1_000_000) {
            throw new IllegalStateException("round " + round + " fan-out of " + k + " workers, expected 1 to 1000000");
        }
        List<Syscall> children = new ArrayList<>();
        long generated = 0;
        for (int j = 0; j < k; j++) {
            long prompt = planContext + workerPrompt.getAsLong();
            long out = workerOutput.getAsLong();
            int p = Programs.tokens(prompt, "round " + round + " worker " + j + " prompt");
            LlmCall worker = new LlmCall(p, Programs.tokens(out, "round " + round + " worker " + j + " output"),
                    maxTokens, workerPrefix(j, p));
            generated += worker.tokensToGenerate();
            children.add(worker);
            if (toolLatencyNanos != null) {
                children.add(new ToolCall(tool, toolLatencyNanos.getAsLong()));
            }
        }
        joinPrompt = planContext + generated;
        return issue(new FanOut(children), Phase.FAN_OUT);
    }

    private Syscall join() {
        long out = output.getAsLong();
        LlmCall call = new LlmCall(Programs.tokens(joinPrompt, "round " + round + " join prompt"),
                Programs.tokens(out, "round " + round + " join output"), maxTokens, chain);
        history = joinPrompt + call.tokensToGenerate();
        return issue(call, Phase.JOIN);
    }

    /** Worker j's blocks: the session's names inside the plan context, names of its own after. */
    private Prefix workerPrefix(int j, int prompt) {
        long[] ids = new long[(prompt + BLOCK_TOKENS - 1) / BLOCK_TOKENS];
        long shared = planContext / BLOCK_TOKENS;
        Prefix.Session own = new Prefix.Session(mix(session ^ mix(((long) round << 32) ^ j ^ 0x5DEECE66DL)), BLOCK_TOKENS);
        for (int b = 0; b < ids.length; b++) {
            ids[b] = b < shared ? chain.blockId(b) : own.blockId(b);
        }
        return new Prefix.Blocks(BLOCK_TOKENS, ids);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private Syscall issue(Syscall s, Phase p) {
        last = s;
        phase = p;
        return s;
    }

    private Syscall end() {
        finished = true;
        return null;
    }
}
