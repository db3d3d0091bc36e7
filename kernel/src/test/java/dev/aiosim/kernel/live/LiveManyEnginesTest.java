package dev.aiosim.kernel.live;

import static dev.aiosim.kernel.live.LiveTesting.awaitParked;
import static dev.aiosim.kernel.live.LiveTesting.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.aiosim.kernel.testing.TestPolicy;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A live run on 500 emulated engines (once a spinning platform thread each, which starved the
 * kernel thread so that it never stopped) starts, keeps 500 calls running and stops on request
 * with every call accounted for. The time bound is a deadlock guard, not a speed assertion.
 */
class LiveManyEnginesTest {
    private static final int ENGINES = 500;

    @Test
    void fiveHundredEnginesStartRunAndStopOnRequest() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            LiveTesting.Rows rows = new LiveTesting.Rows();
            List<String> warnings = new CopyOnWriteArrayList<>();
            AtomicReference<EmulatedEngines> engines = new AtomicReference<>();
            // real time, 1 ms steps: a 500,000-token call runs for minutes
            LiveKernel k = new LiveKernel(cluster(ENGINES, 4, 1_000_000), id -> TestPolicy.fifo(), rows, Slo.NONE,
                    LiveOptions.of(1).withEngines((n, clock, inbox) -> {
                        EmulatedEngines e = new EmulatedEngines(n, clock, inbox, warnings::add);
                        engines.set(e);
                        return e;
                    }));
            List<Thread> agents = new ArrayList<>();
            for (int i = 0; i < ENGINES; i++) {
                agents.add(k.spawn(new AgentProcess(i, "agent-" + i, 0, 1, "default", previous -> null),
                        os -> os.llm(100, 500_000)));
            }
            for (Thread a : agents) {
                awaitParked(a);
            }
            assertThat(k.finished()).isFalse();
            k.stop();
            RunMetrics m = k.await();
            k.kernelThread().join();
            engines.get().thread().join();

            assertThat(k.partial()).isTrue();
            assertThat(m.llmSubmitted()).isEqualTo(ENGINES);
            assertThat(m.llmUnfinished()).isEqualTo(ENGINES);
            assertThat(m.llmCompleted() + m.llmRejected() + m.llmCancelled()).isZero();
            assertThat(rows.agents).hasSize(ENGINES).extracting(AgentRecord::finished).containsOnly(false);
            assertThat(warnings).as("1 ms steps in real time are far above the overhead").isEmpty();
        });
    }
}
