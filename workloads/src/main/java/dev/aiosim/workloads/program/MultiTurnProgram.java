package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
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
 * complete ends the session. This is the {@link ReactProgram} loop with the user's message as the
 * step prompt, the think time as the tool call and a session prefix; it runs on that loop.
 */
public final class MultiTurnProgram implements Program {
    /** Tokens per KV block of the session prefix (vLLM's default block size). */
    public static final int BLOCK_TOKENS = 16;
    /** Name of the tool call that models the user's think time. */
    public static final String USER = "user";

    private final ReactProgram loop;

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
        this.loop = new ReactProgram(turns, systemPrompt, userPrompt, output, thinkNanos, maxTokens, USER,
                new Prefix.Session(session, BLOCK_TOKENS));
    }

    /** Number of turns this session makes if none is rejected. */
    public int turns() {
        return loop.rounds();
    }

    @Override
    public Syscall next(SyscallResult previous) {
        return loop.next(previous);
    }
}
