package dev.aiosim.kernel.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A parked agent is woken by the kernel's completion; an interrupt ends its wait. */
class HandoffTest {
    private static SyscallResult result(int tokens) {
        return new SyscallResult(new ToolCall("t", 0), 0, 0, SyscallResult.Status.COMPLETED, tokens);
    }

    @Test
    void aParkedVirtualThreadTakesEachResultOnce() throws Exception {
        Handoff h = new Handoff();
        CompletableFuture<int[]> got = new CompletableFuture<>();
        Thread agent = Thread.ofVirtual().unstarted(() -> {
            try {
                int[] r = new int[100];
                for (int i = 0; i < r.length; i++) {
                    r[i] = h.await().outputTokens();
                }
                got.complete(r);
            } catch (Throwable t) {
                got.completeExceptionally(t);
            }
        });
        h.bind(agent);
        agent.start();
        for (int i = 0; i < 100; i++) {
            // the protocol: the next result only after the previous one was taken
            while (h.pending()) {
                Thread.onSpinWait();
            }
            h.complete(result(i));
        }
        assertThat(got.get(60, TimeUnit.SECONDS)).containsExactly(java.util.stream.IntStream.range(0, 100).toArray());
        assertThat(h.poll()).isNull();
    }

    @Test
    void interruptingTheWaiterThrowsAndLeavesNoResult() throws Exception {
        Handoff h = new Handoff();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread agent = Thread.ofVirtual().unstarted(() -> {
            try {
                h.await();
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        h.bind(agent);
        agent.start();
        agent.interrupt();
        assertThat(thrown.get(60, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(h.poll()).isNull();
    }

    @Test
    void aResultDeliveredBeforeTheWaitIsTakenAtOnce() throws Exception {
        Handoff h = new Handoff();
        h.bind(Thread.currentThread());
        h.complete(result(7));
        assertThat(h.await().outputTokens()).isEqualTo(7);
        Thread.currentThread().interrupt();
        assertThatThrownBy(h::await).isInstanceOf(InterruptedException.class);
    }
}
