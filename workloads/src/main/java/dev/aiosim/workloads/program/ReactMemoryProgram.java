package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A ReAct agent that keeps its observations in memory (AIOS's memory manager; MemGPT's archival
 * memory): round i is one LLM call, then (all rounds but the last) one tool call whose
 * observation, the next round's step prompt, is written to memory as item {@code obs-i} of (tokens
 * x {@link MemoryCall#BYTES_PER_TOKEN}) bytes, then the {@code recall} observations before it are
 * read back, newest first ({@code obs-(i-1)}, {@code obs-(i-2)}, ...; those that exist). Prompts grow as in {@link ReactProgram}. Exists so
 * that the memory manager sees a realistic access pattern: recent items re-read, older ones
 * aging out of RAM as more agents share it.
 *
 * <p>Draw order: (given: rounds, system prompt), round 1's step prompt and output at its LLM call;
 * the tool latency at each tool call, then the observation (next step prompt) right after it ends;
 * each later round's output at its LLM call. A rejected call ends the agent; a denied one is
 * skipped.
 */
public final class ReactMemoryProgram implements Program {
    private final int rounds;
    private final int recall;
    private final LongSupplier stepPrompt;
    private final LongSupplier output;
    private final LongSupplier toolLatencyNanos;
    private final int maxTokens;
    private final String tool;
    private final ArrayDeque<Syscall> pending = new ArrayDeque<>();

    private long history;
    private long step = -1;
    private int round;
    private Syscall last;
    private boolean finished;

    /**
     * @param rounds LLM calls, >= 1
     * @param recall observations read back before each LLM call, >= 1
     * @param systemPrompt tokens before the first step prompt, >= 0
     * @param stepPrompt observation (step prompt) tokens, each >= 0
     * @param output true output tokens per call, each >= 1
     * @param toolLatencyNanos tool call duration, each >= 0
     * @param maxTokens cap on generated tokens, 0 for none
     * @param tool tool name
     */
    public ReactMemoryProgram(int rounds, int recall, long systemPrompt, LongSupplier stepPrompt, LongSupplier output,
                              LongSupplier toolLatencyNanos, int maxTokens, String tool) {
        if (rounds < 1 || recall < 1 || systemPrompt < 0) {
            throw new IllegalArgumentException("rounds and recall must be >= 1 and the system prompt >= 0, got "
                    + rounds + ", " + recall + ", " + systemPrompt);
        }
        this.rounds = rounds;
        this.recall = recall;
        this.history = systemPrompt;
        this.stepPrompt = Objects.requireNonNull(stepPrompt);
        this.output = Objects.requireNonNull(output);
        this.toolLatencyNanos = Objects.requireNonNull(toolLatencyNanos);
        this.maxTokens = maxTokens;
        this.tool = Objects.requireNonNull(tool);
    }

    /** The memory item of round {@code i}'s observation. */
    public static String item(int i) {
        return "obs-" + i;
    }

    @Override
    public Syscall next(SyscallResult previous) {
        if (finished) {
            return null;
        }
        Programs.checkResult(previous, last);
        if (previous != null && previous.status() == SyscallResult.Status.REJECTED) {
            finished = true;
            return null;
        }
        if (previous != null && last instanceof ToolCall) {
            step = stepPrompt.getAsLong(); // the observation
            pending.add(MemoryCall.own("write", item(round), step * MemoryCall.BYTES_PER_TOKEN));
            for (int j = round - 1; j >= Math.max(1, round - recall); j--) {
                pending.add(MemoryCall.own("read", item(j), 0));
            }
        }
        if (!pending.isEmpty()) {
            return last = pending.poll();
        }
        if (previous == null || !(last instanceof LlmCall)) {
            return last = llm();
        }
        if (round == rounds) {
            finished = true;
            return null;
        }
        return last = new ToolCall(tool, toolLatencyNanos.getAsLong());
    }

    private Syscall llm() {
        if (step < 0) {
            step = stepPrompt.getAsLong();
        }
        long out = output.getAsLong();
        long prompt = history + step;
        LlmCall call = new LlmCall(Programs.tokens(prompt, "round " + (round + 1) + " prompt"),
                Programs.tokens(out, "round " + (round + 1) + " output"), maxTokens);
        history = prompt + call.tokensToGenerate();
        round++;
        return call;
    }
}
