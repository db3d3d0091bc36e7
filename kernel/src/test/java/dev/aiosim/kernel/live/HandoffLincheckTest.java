package dev.aiosim.kernel.live;

import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: the completion hand-off ({@link Handoff}) between the kernel thread (completes) and
 * the agent thread (takes) is linearizable against a sequential one-slot register that is
 * emptied when taken: no result is taken twice, none appears from nowhere. (Waking a parked agent
 * is covered by {@code HandoffTest} and the stress test.)
 */
public class HandoffLincheckTest {
    private static final ToolCall CALL = new ToolCall("t", 0);

    private final Handoff handoff = new Handoff();

    @Operation(nonParallelGroup = "kernel")
    public void complete(int tokens) {
        handoff.complete(new SyscallResult(CALL, 0, 0, SyscallResult.Status.COMPLETED, tokens));
    }

    @Operation(nonParallelGroup = "agent")
    public Integer poll() {
        SyscallResult r = handoff.poll();
        return r == null ? null : r.outputTokens();
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(10).invocationsPerIteration(200).threads(2).actorsPerThread(3)
                .check(this.getClass());
    }

    @Test
    void stress() {
        new StressOptions().iterations(10).invocationsPerIteration(300).threads(2).actorsPerThread(3)
                .check(this.getClass());
    }
}
