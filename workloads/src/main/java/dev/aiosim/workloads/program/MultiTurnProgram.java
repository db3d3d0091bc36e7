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
 * A multi-turn chat session: {@code turns} LLM calls, each resending the whole conversation so
 * far plus a new user message, with the user's think time between turns. Exists because
 * conversation traces (Mooncake, Qin et al., FAST 2025; the Azure conversation trace) are
 * dominated by such sessions, whose growing shared history is what prefix caching and KV-aware
 * scheduling exploit.
 *
 * <p>Turn i's prompt = system prompt + for every earlier turn (its user message + the tokens it
 * generated) + turn i's user message. "Tokens generated" is the call's
 * {@link LlmCall#tokensToGenerate()}. Between turns the agent issues a {@link ToolCall} named
 * {@code user} whose latency is the think time: the GPU is idle for this agent meanwhile. Every
 * call carries {@code Prefix.Session(session, 16)}, so a prefix cache can reuse the history.
 *
 * <p>Draw order: (at construction: turns, system prompt), then per turn: user message and output
 * when the call is issued, and think time when the user call is issued. A syscall that does not
 * complete ends the session.
 */
public final class MultiTurnProgram implements Program {
    /** Tokens per KV block of the session prefix (vLLM's default block size). */
    public static final int BLOCK_TOKENS = 16;
    /** Name of the tool call that models the user's think time. */
    public static final String USER = "user";

    private final int turns;
    private final LongSupplier userPrompt;
    private final LongSupplier output;
    private final LongSupplier thinkNanos;
    private final int maxTokens;
    private final Prefix prefix;

    private long history;
    private int turn;
    private Syscall last;
    private boolean finished;

    /**
     * @param turns number of turns (LLM calls), >= 1
     * @param systemPrompt tokens before the first user message, >= 0
     * @param userPrompt new user tokens per turn, each >= 0 (the first prompt must come to >= 1)
     * @param output true output tokens per turn, each >= 1
     * @param thinkNanos user think time between turns, each >= 0
     * @param maxTokens cap on generated tokens, 0 for none
     * @param session prefix-cache session key, unique within the workload
     */
    public MultiTurnProgram(int turns, long systemPrompt, LongSupplier userPrompt, LongSupplier output,
                            LongSupplier thinkNanos, int maxTokens, long session) {
        if (turns < 1) {
            throw new IllegalArgumentException("turns must be >= 1, got " + turns);
        }
        if (systemPrompt < 0) {
            throw new IllegalArgumentException("systemPrompt must be >= 0, got " + systemPrompt);
        }
        this.turns = turns;
        this.history = systemPrompt;
        this.userPrompt = Objects.requireNonNull(userPrompt, "userPrompt");
        this.output = Objects.requireNonNull(output, "output");
        this.thinkNanos = Objects.requireNonNull(thinkNanos, "thinkNanos");
        this.maxTokens = maxTokens;
        this.prefix = new Prefix.Session(session, BLOCK_TOKENS);
    }

    /** Number of turns this session makes if none is rejected. */
    public int turns() {
        return turns;
    }

    @Override
    public Syscall next(SyscallResult previous) {
        if (finished) {
            return null;
        }
        if (previous == null) {
            if (last != null) {
                throw new IllegalStateException("program started twice");
            }
            return llm();
        }
        if (!previous.call().equals(last)) {
            throw new IllegalStateException("result for " + previous.call() + " but the last syscall was " + last);
        }
        if (!previous.ok()) {
            finished = true;
            return null;
        }
        if (last instanceof LlmCall) {
            if (turn == turns) {
                finished = true;
                return null;
            }
            last = new ToolCall(USER, thinkNanos.getAsLong());
            return last;
        }
        return llm();
    }

    private Syscall llm() {
        long prompt = history + userPrompt.getAsLong();
        long out = output.getAsLong();
        LlmCall call = new LlmCall(Programs.tokens(prompt, "turn " + (turn + 1) + " prompt"),
                Programs.tokens(out, "turn " + (turn + 1) + " output"), maxTokens, prefix);
        history = prompt + call.tokensToGenerate();
        turn++;
        last = call;
        return call;
    }
}
