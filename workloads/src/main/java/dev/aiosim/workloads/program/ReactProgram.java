package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A ReAct agent (reason, act, observe): {@code rounds} rounds of one LLM call followed by one tool
 * call, the last round ending after its LLM call. Exists because agent workloads differ from
 * request traces in exactly this: each call's prompt carries the whole history, so it grows, and
 * tool calls leave the GPU idle for the agent in between.
 *
 * <p>Round i's prompt = system prompt + for every earlier round (its step prompt + the tokens it
 * generated) + round i's step prompt. "Tokens generated" is the call's
 * {@link LlmCall#tokensToGenerate()} (the true output cut at max-tokens), which is what the
 * engine returns, so the program does not depend on how or when the kernel served the call.
 *
 * <p>Draw order, fixed so that an agent is the same whatever the kernel does: (given at
 * construction: rounds, system prompt), then per round: step prompt, output, and (all rounds but
 * the last) tool latency, each drawn when the syscall is issued. The samplers must draw from this
 * agent's own random stream.
 *
 * <p>A syscall that does not complete (rejected) ends the agent.
 */
public final class ReactProgram implements Program {
    private final int rounds;
    private final LongSupplier stepPrompt;
    private final LongSupplier output;
    private final LongSupplier toolLatencyNanos;
    private final int maxTokens;
    private final String tool;
    private final Prefix prefix;

    private long history;
    private int round;
    private Syscall last;
    private boolean finished;

    /**
     * @param rounds number of LLM calls, >= 1
     * @param systemPrompt tokens of the first prompt before the first step prompt, >= 0
     * @param stepPrompt new prompt tokens per round, each >= 0 (the first prompt must come to >= 1)
     * @param output true output tokens per call, each >= 1
     * @param toolLatencyNanos tool call duration, each >= 0
     * @param maxTokens cap on generated tokens, 0 for none
     * @param tool tool name for the tool calls
     */
    public ReactProgram(int rounds, long systemPrompt, LongSupplier stepPrompt, LongSupplier output,
                        LongSupplier toolLatencyNanos, int maxTokens, String tool) {
        this(rounds, systemPrompt, stepPrompt, output, toolLatencyNanos, maxTokens, tool, null);
    }

    /**
     * The same loop whose calls name their KV blocks for a prefix cache (e.g. a session prefix, so
     * that each round reuses the history the previous rounds computed).
     *
     * @param prefix the prefix every LLM call carries, or null for none
     */
    public ReactProgram(int rounds, long systemPrompt, LongSupplier stepPrompt, LongSupplier output,
                        LongSupplier toolLatencyNanos, int maxTokens, String tool, Prefix prefix) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        if (systemPrompt < 0) {
            throw new IllegalArgumentException("systemPrompt must be >= 0, got " + systemPrompt);
        }
        this.rounds = rounds;
        this.history = systemPrompt;
        this.stepPrompt = Objects.requireNonNull(stepPrompt, "stepPrompt");
        this.output = Objects.requireNonNull(output, "output");
        this.toolLatencyNanos = Objects.requireNonNull(toolLatencyNanos, "toolLatencyNanos");
        this.maxTokens = maxTokens;
        this.tool = Objects.requireNonNull(tool, "tool");
        this.prefix = prefix;
    }

    /** Number of rounds (LLM calls) this agent makes if none is rejected. */
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
            return llm();
        }
        if (!previous.ok()) {
            return end();
        }
        if (last instanceof LlmCall) {
            if (round == rounds) {
                return end();
            }
            long latency = toolLatencyNanos.getAsLong();
            last = new ToolCall(tool, latency);
            return last;
        }
        return llm();
    }

    private Syscall llm() {
        long step = stepPrompt.getAsLong();
        long out = output.getAsLong();
        long prompt = history + step;
        LlmCall call = new LlmCall(Programs.tokens(prompt, "round " + (round + 1) + " prompt"),
                Programs.tokens(out, "round " + (round + 1) + " output"), maxTokens, prefix);
        history = prompt + call.tokensToGenerate();
        round++;
        last = call;
        return call;
    }

    private Syscall end() {
        finished = true;
        return null;
    }
}
