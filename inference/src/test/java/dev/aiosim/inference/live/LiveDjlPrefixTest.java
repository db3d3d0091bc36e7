package dev.aiosim.inference.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.inference.model.LlamaSpec;
import dev.aiosim.inference.model.SeededWeights;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.ConstantCostModel;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.live.LiveKernel;
import dev.aiosim.kernel.live.LiveOptions;
import dev.aiosim.kernel.live.LiveRun;
import dev.aiosim.kernel.metrics.CallRecord;
import dev.aiosim.kernel.metrics.CallStatus;
import dev.aiosim.kernel.metrics.RunMetrics;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.testing.TestPolicy;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live kernel with a prefix cache on real DJL engines: the prefix-cache hits the kernel
 * credits are really not computed, so the tokens the engines prefill are the kernel's prompt
 * tokens less its hit tokens, exactly what its cost model charged. With one slot no two calls
 * are admitted in the same step, so every credited block was stored by an earlier step; with four,
 * calls admitted together with the call computing their shared blocks compute them too, and the
 * engines count those tokens as missed.
 */
class LiveDjlPrefixTest {
    static final LlamaSpec SPEC = LlamaSpec.TINY;
    static final int BLOCK = 16;

    /** Two calls, each two shared blocks (ids 100, 101) then a block and a tail of their own. */
    static Program twoCalls(long agent) {
        SplittableRandom r = new SplittableRandom(agent);
        return new Program() {
            int i;

            @Override
            public Syscall next(SyscallResult previous) {
                if (i == 2) {
                    return null;
                }
                long own = 1000 + agent * 10 + i++;
                Prefix p = new Prefix.Blocks(BLOCK, new long[] {100, 101, own});
                return new LlmCall(2 * BLOCK + 5 + r.nextInt(30), 2 + r.nextInt(10), 0, p);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void theEnginesPrefillTheKernelsPromptTokensLessItsHits(int slots) throws Exception {
        EngineConfig e = EngineConfig.builder().slots(slots).kvTokens(1_000_000).kvBytesPerToken(SPEC.kvBytesPerToken())
                .hostSwapBytes(64L << 20).costModel(new ConstantCostModel(1_000_000)).prefixCache(true).build();
        DjlEngineFactory factory = new DjlEngineFactory(SPEC, new SeededWeights(1), 1);
        LiveDjlTest.Rows rows = new LiveDjlTest.Rows();
        int agents = 6;
        int[] pid = {0};
        AgentSource source = () -> {
            if (pid[0] == agents) {
                return null;
            }
            long p = pid[0]++;
            return new AgentArrival((p + 1) * 3_000_000, new AgentProcess(p, "agent-" + p, 0, 1, "default", twoCalls(p)));
        };
        LiveKernel k = new LiveKernel(KernelConfig.of(1, e), id -> TestPolicy.fifo(), rows, Slo.NONE,
                LiveOptions.of(1).withEngines(factory));
        LiveRun.play(k, source);
        RunMetrics m = k.await(5, TimeUnit.MINUTES);
        DjlEngines djl = factory.last();
        assertThat(djl.failure()).isNull();
        assertThat(m.llmCompleted()).isEqualTo(2L * agents);
        assertThat(rows.calls).allMatch(c -> c.status() == CallStatus.COMPLETED && c.generatedTokens() == c.outputTokens());
        DjlStats s = djl.stats();
        assertThat(s.mismatches()).isZero();
        long hits = rows.calls.stream().mapToLong(CallRecord::prefixHitTokens).sum();
        assertThat(m.engineStats().get(0).prefillTokens()).isEqualTo(m.promptTokens() - hits);
        assertThat(s.prefixReusedTokens() + s.prefixMissedTokens()).isEqualTo(hits);
        assertThat(s.prefillTokens()).isEqualTo(m.promptTokens() - hits + s.prefixMissedTokens());
        assertThat(s.prefixReusedTokens()).isPositive();
        if (slots == 1) {
            // every call but the first finds the two shared blocks cached, and stored
            assertThat(hits).isEqualTo((2L * agents - 1) * 2 * BLOCK);
            assertThat(s.prefixMissedTokens()).isZero();
            assertThat(s.prefillTokens()).isEqualTo(m.promptTokens() - hits);
        }
        assertThat(s.tokens()).isEqualTo(m.outputTokensServed());
    }
}
