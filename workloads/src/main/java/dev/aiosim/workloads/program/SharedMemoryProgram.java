package dev.aiosim.workloads.program;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One member of a team of ReAct agents that share a blackboard in their team lead's memory (the
 * shared memory of multi-agent frameworks, governed by AIOS's access manager). Agent k of a team
 * of n is in group {@code team-<k / n>}; its lead is agent (k / n) x n. Round i: one LLM call;
 * then (all rounds but the last) one tool call, the observation (the next step prompt, drawn when
 * the tool call ends) written to the lead's memory as item {@code board-k} (tokens x
 * {@link MemoryCall#BYTES_PER_TOKEN} bytes), and the previous teammate's entry
 * {@code board-q} read back from the lead's memory. A member other than the lead needs the
 * access rules to let its group reach its own group's memory; a denied call is skipped (the agent
 * goes on without the shared entry), a rejected one ends the agent. After its last LLM call it
 * writes its transcript (the final history, tokens x 4 bytes) to its own file
 * {@value #TRANSCRIPT} (AIOS's storage manager). Draw order as
 * {@link ReactMemoryProgram}.
 */
public final class SharedMemoryProgram implements Program {
    private final int rounds;
    private final long pid;
    private final long lead;
    private final long peer;
    private final LongSupplier stepPrompt;
    private final LongSupplier output;
    private final LongSupplier toolLatencyNanos;
    private final int maxTokens;
    private final String tool;

    private long history;
    private long step = -1;
    private int round;
    private int phase; // after the tool call: 1 = write next, 2 = read next
    private Syscall last;
    private boolean finished;

    /**
     * @param pid this agent's pid, >= 0
     * @param teamSize agents per team, >= 1
     */
    public SharedMemoryProgram(long pid, int teamSize, int rounds, long systemPrompt, LongSupplier stepPrompt,
                               LongSupplier output, LongSupplier toolLatencyNanos, int maxTokens, String tool) {
        if (pid < 0 || teamSize < 1 || rounds < 1 || systemPrompt < 0) {
            throw new IllegalArgumentException("pid and system prompt must be >= 0, team size and rounds >= 1");
        }
        this.pid = pid;
        this.lead = pid / teamSize * teamSize;
        this.peer = lead + (pid - lead + teamSize - 1) % teamSize;
        this.rounds = rounds;
        this.history = systemPrompt;
        this.stepPrompt = Objects.requireNonNull(stepPrompt);
        this.output = Objects.requireNonNull(output);
        this.toolLatencyNanos = Objects.requireNonNull(toolLatencyNanos);
        this.maxTokens = maxTokens;
        this.tool = Objects.requireNonNull(tool);
    }

    /** The file each agent writes its transcript to when it ends. */
    public static final String TRANSCRIPT = "transcript";

    /** The group of agent {@code pid} in teams of {@code teamSize}. */
    public static String group(long pid, int teamSize) {
        return "team-" + pid / teamSize;
    }

    /** The blackboard item agent {@code pid} writes. */
    public static String item(long pid) {
        return "board-" + pid;
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
        if (previous == null) {
            return last = llm();
        }
        if (last instanceof StorageCall) {
            finished = true;
            return null;
        }
        if (last instanceof LlmCall) {
            if (round == rounds) { // persist the transcript to its own files (AIOS's storage manager)
                return last = new StorageCall("write", 0, history * MemoryCall.BYTES_PER_TOKEN, TRANSCRIPT, MemoryCall.SELF);
            }
            phase = 1;
            return last = new ToolCall(tool, toolLatencyNanos.getAsLong());
        }
        if (phase == 1) {
            step = stepPrompt.getAsLong();
            phase = 2;
            return last = new MemoryCall("write", 0, step * MemoryCall.BYTES_PER_TOKEN, item(pid), target(lead));
        }
        if (phase == 2) {
            phase = 0;
            return last = new MemoryCall("read", 0, 0, item(peer), target(lead));
        }
        return last = llm();
    }

    private long target(long owner) {
        return owner == pid ? MemoryCall.SELF : owner;
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
