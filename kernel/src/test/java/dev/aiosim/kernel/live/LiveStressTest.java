package dev.aiosim.kernel.live;

import static dev.aiosim.kernel.live.LiveTesting.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.kernel.testing.TestPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * 10,000 virtual-thread agents x 20 syscalls each through the live kernel with emulated engines,
 * dilated 100,000x so that it runs in seconds: every syscall is answered exactly once with its own
 * result, every counter agrees, and the run shuts down cleanly. The time bound is a deadlock
 * guard, not a speed assertion.
 */
class LiveStressTest {
    private static final int AGENTS = 10_000;
    private static final int SYSCALLS = 20;

    @Test
    void tenThousandAgentsTimesTwentySyscalls() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            LiveTesting.Rows rows = new LiveTesting.Rows();
            List<String> recorded = new ArrayList<>();
            LiveKernel k = new LiveKernel(cluster(2, 64, 5_000_000), id -> TestPolicy.fifo(), rows, Slo.NONE,
                    LiveOptions.of(100_000).withListener((p, arrival, syscalls) -> recorded.add(p.pid() + ":" + syscalls.size())));
            AtomicIntegerArray answered = new AtomicIntegerArray(AGENTS);
            AtomicInteger wrong = new AtomicInteger();
            List<Thread> threads = new ArrayList<>(AGENTS);
            for (int a = 0; a < AGENTS; a++) {
                int pid = a;
                threads.add(k.spawn(new AgentProcess(pid, "agent-" + pid, pid % 4, 1, "default", prev -> null), os -> {
                    for (int i = 0; i < SYSCALLS; i++) {
                        Syscall s = i % 2 == 0 ? new LlmCall(16 + i, 1 + (pid + i) % 7) : new ToolCall("t", 1_000_000 + i);
                        SyscallResult r = os.call(s);
                        if (r.call() != s || !r.ok()) {
                            wrong.incrementAndGet();
                        }
                        answered.incrementAndGet(pid);
                    }
                }));
            }
            k.sourceDone();
            RunMetrics m = k.await();
            for (Thread t : threads) {
                t.join();
            }
            k.kernelThread().join();

            assertThat(wrong.get()).isZero();
            for (int a = 0; a < AGENTS; a++) {
                assertThat(answered.get(a)).as("answers to agent %d", a).isEqualTo(SYSCALLS);
            }
            long llm = (long) AGENTS * SYSCALLS / 2;
            assertThat(m.agentsArrived()).isEqualTo(AGENTS);
            assertThat(m.agentsFinished()).isEqualTo(AGENTS);
            assertThat(m.llmSubmitted()).isEqualTo(llm);
            assertThat(m.llmCompleted()).isEqualTo(llm);
            assertThat(m.llmUnfinished() + m.llmRejected() + m.llmCancelled()).isZero();
            assertThat(m.otherSubmitted()).isEqualTo(llm);
            assertThat(m.otherCompleted()).isEqualTo(llm);
            assertThat(m.outputTokensServed()).isEqualTo(m.outputTokensAsked());
            Set<Long> ids = new HashSet<>();
            for (CallRecord c : rows.calls) {
                assertThat(ids.add(c.callId())).as("call %d recorded once", c.callId()).isTrue();
                assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
            }
            assertThat(ids).hasSize((int) llm);
            assertThat(rows.agents).hasSize(AGENTS);
            assertThat(recorded).hasSize(AGENTS).allSatisfy(r -> assertThat(r).endsWith(":" + SYSCALLS));
            assertThat(k.partial()).isFalse();
        });
    }
}
