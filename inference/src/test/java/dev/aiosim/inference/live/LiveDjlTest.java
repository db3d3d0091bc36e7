package dev.aiosim.inference.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.SeededWeights;
import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.live.LiveOptions;
import dev.aiosim.kernel.live.LiveRun;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.MetricsSink;
import dev.aiosim.kernel.metrics.AgentRecord;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The live kernel driving real DJL engines: every call completes with the kernel's lengths, preempted or not. */
class LiveDjlTest {
    static final LlamaSpec SPEC = LlamaSpec.TINY;

    /** Keeps call rows; filled on the kernel thread, read after the run. */
    static final class Rows implements MetricsSink {
        final List<CallRecord> calls = new ArrayList<>();

        @Override public void call(CallRecord r) { calls.add(r); }
        @Override public void agent(AgentRecord r) { }
    }

    static Program twoCalls(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Program() {
            int i;

            @Override
            public Syscall next(SyscallResult previous) {
                return i++ < 2 ? new LlmCall(20 + r.nextInt(60), 2 + r.nextInt(14)) : null;
            }
        };
    }

    @ParameterizedTest
    @CsvSource({"1000000, SWAP, 1", "160, SWAP, 1", "160, RECOMPUTE, 1", "160, SWAP, 2"})
    void theLiveKernelRunsOnDjlEngines(long kvTokens, PreemptionMode mode, int engines) throws Exception {
        EngineConfig e = EngineConfig.builder().slots(4).kvTokens(kvTokens).kvBytesPerToken(SPEC.kvBytesPerToken())
                .preemption(mode).hostSwapBytes(64L << 20).costModel(new ConstantCostModel(1_000_000)).build();
        DjlEngineFactory factory = new DjlEngineFactory(SPEC, new SeededWeights(1), 1);
        Rows rows = new Rows();
        int agents = 8;
        long[] t = {0};
        int[] pid = {0};
        AgentSource source = () -> {
            if (pid[0] == agents) {
                return null;
            }
            long p = pid[0]++;
            t[0] += 3_000_000;
            return new AgentArrival(t[0], new AgentProcess(p, "agent-" + p, 0, 1, "default", twoCalls(p)));
        };
        LiveKernel k = new LiveKernel(KernelConfig.of(engines, e), id -> TestPolicy.fifo(), rows, Slo.NONE,
                LiveOptions.of(1).withEngines(factory));
        LiveRun.play(k, source);
        RunMetrics m = k.await(5, TimeUnit.MINUTES);
        DjlEngines djl = factory.last();
        assertThat(djl.failure()).isNull();
        assertThat(m.llmCompleted()).isEqualTo(2L * agents);
        assertThat(rows.calls).allMatch(c -> c.status() == CallStatus.COMPLETED && c.generatedTokens() == c.outputTokens());
        DjlStats s = djl.stats();
        assertThat(s.mismatches()).isZero();
        assertThat(s.steps()).isGreaterThanOrEqualTo(rows.calls.stream().mapToLong(CallRecord::outputTokens).max().orElseThrow());
        assertThat(s.tokens()).isEqualTo(m.outputTokensServed()).isEqualTo(rows.calls.stream().mapToLong(CallRecord::outputTokens).sum());
        assertThat(s.prefillTokens()).isGreaterThanOrEqualTo(m.promptTokens());
        assertThat(s.swaps() + s.recomputes()).isEqualTo(m.preemptions());
        theStepRecordsAccountForEveryStep(djl, s, engines);
        if (kvTokens < 1000 && engines == 1) {
            // one engine of 160 KV tokens cannot hold the calls that overlap in wall time; on two
            // engines whether they overlap depends on the machine's speed, so only the books are checked
            assertThat(m.preemptions()).isPositive();
            assertThat(mode == PreemptionMode.SWAP ? s.swaps() : s.recomputes()).isPositive();
            if (mode == PreemptionMode.SWAP) { // 64 MiB of host memory holds every snapshot of the tiny model
                assertThat(djl.steps().stream().mapToLong(StepRecord::swapOutBytes).sum()).isPositive();
            }
        }
    }

    /** One record per step, whose shapes add up to the totals, numbered per engine, the first without a dispatch gap. */
    private static void theStepRecordsAccountForEveryStep(DjlEngines djl, DjlStats s, int engines) {
        List<StepRecord> steps = djl.steps();
        assertThat((long) steps.size()).isEqualTo(s.steps());
        assertThat(steps.stream().mapToLong(StepRecord::prefillTokens).sum()).isEqualTo(s.prefillTokens());
        assertThat(steps.stream().mapToLong(StepRecord::decodeCalls).sum()).isEqualTo(s.decodeTokens());
        assertThat(steps.stream().mapToLong(StepRecord::samplingCalls).sum()).isEqualTo(s.tokens());
        assertThat(steps.stream().mapToLong(StepRecord::forwardNanos).sum()).isEqualTo(s.realNanos());
        assertThat(steps.stream().mapToLong(StepRecord::modelNanos).sum()).isEqualTo(s.modelNanos());
        assertThat(steps.stream().mapToLong(StepRecord::opsNanos).sum()).isEqualTo(s.opsNanos());
        assertThat(steps.stream().mapToLong(StepRecord::swapOutBytes).sum()).isEqualTo(s.swapOutBytes());
        assertThat(steps.stream().mapToLong(StepRecord::swapInBytes).sum()).isEqualTo(s.swapInBytes())
                .isLessThanOrEqualTo(s.swapOutBytes());
        assertThat(steps.stream().filter(StepRecord::hasGap).count()).isEqualTo(s.gaps());
        assertThat(s.swapOutBytes() > 0).isEqualTo(s.swaps() > 0);
        assertThat(steps).isSortedAccordingTo(java.util.Comparator.comparingLong(StepRecord::startNanos));
        for (int e = 0; e < engines; e++) {
            int engine = e;
            List<StepRecord> mine = steps.stream().filter(r -> r.engine() == engine).toList();
            for (int i = 0; i < mine.size(); i++) {
                StepRecord r = mine.get(i);
                assertThat(r.step()).isEqualTo(i);
                assertThat(r.samplingCalls()).isPositive();
                assertThat(r.decodeContextTokens()).isGreaterThanOrEqualTo(r.decodeCalls());
                assertThat(r.opsNanos()).isNotNegative();
                assertThat(r.forwardNanos()).isPositive();
                if (i > 0) {
                    StepRecord prev = mine.get(i - 1);
                    assertThat(r.startNanos()).isGreaterThanOrEqualTo(prev.startNanos() + prev.opsNanos() + prev.forwardNanos());
                }
            }
            if (!mine.isEmpty()) {
                assertThat(mine.get(0).hasGap()).isFalse();
            }
        }
    }
}
