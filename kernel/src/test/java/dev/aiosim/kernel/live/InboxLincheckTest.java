package dev.aiosim.kernel.live;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: the kernel's inbox ({@link Mailbox}, JCTools MPSC under it) is linearizable with many
 * producers offering and the single consumer polling, against the same mailbox used sequentially
 * (a FIFO queue). Small budgets keep it fast; the model checker explores interleavings of the
 * queue's and the wake-up flag's memory accesses.
 */
public class InboxLincheckTest {
    private final Mailbox<Integer> inbox = Mailbox.mpsc();

    @Operation
    public void offer(int x) {
        inbox.offer(x);
    }

    @Operation(nonParallelGroup = "consumer")
    public Integer poll() {
        return inbox.poll();
    }

    @Operation(nonParallelGroup = "consumer")
    public boolean isEmpty() {
        return inbox.isEmpty();
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(10).invocationsPerIteration(200).threads(3).actorsPerThread(2)
                .check(this.getClass());
    }

    @Test
    void stress() {
        new StressOptions().iterations(10).invocationsPerIteration(300).threads(3).actorsPerThread(3)
                .check(this.getClass());
    }
}
