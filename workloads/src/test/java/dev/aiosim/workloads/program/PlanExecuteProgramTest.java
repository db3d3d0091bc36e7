package dev.aiosim.workloads.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.DistSpec;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.ProgramSpec;
import dev.aiosim.workloads.gen.AgentTemplate;
import dev.aiosim.workloads.gen.EmpiricalColumn;
import dev.aiosim.workloads.gen.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanExecuteProgramTest {

    private static ProgramSpec spec(int rounds, int system, int task, int out, int k, int workerPrompt, int workerOut,
                                    int maxTokens, String toolLatency) {
        ProgramSpec s = ProgramSpec.planExecute(rounds == 0 ? null : DistSpec.fixed(rounds),
                system == 0 ? null : DistSpec.fixed(system), DistSpec.fixed(task), DistSpec.fixed(out), DistSpec.fixed(k),
                workerPrompt == 0 ? null : DistSpec.fixed(workerPrompt), workerOut == 0 ? null : DistSpec.fixed(workerOut))
                .withMaxTokens(maxTokens);
        if (toolLatency != null) {
            s = s.withTools(DistSpec.fixed(toolLatency), "search");
        }
        s.validate("p");
        return s;
    }

    private static List<Syscall> run(ProgramSpec spec, long session) {
        return Drive.run(new AgentTemplate(spec, "p", Path.of("."), new EmpiricalColumn.Cache())
                .create(Seeds.provider(new SplittableRandom(1)), session));
    }

    @ParameterizedTest
    @CsvSource({
        // rounds (0 = absent: 1), system, task, plan/join output, k, worker prompt (0 = absent), worker output (0 = output), max tokens, tool latency
        "0, 500, 100, 80, 3, 40, 200, 0, ",
        "2, 500, 100, 80, 4, 0, 0, 0, ",
        "3, 0, 30, 500, 1, 7, 9, 64, 250ms",
        "2, 1000, 1, 1, 6, 1, 1, 0, 1s"})
    void promptsGrowExactlyAndTheJoinReadsEveryWorkersOutput(int rounds, int system, int task, int out, int k,
                                                            int workerPrompt, int workerOut, int maxTokens,
                                                            String toolLatency) {
        long session = 42;
        List<Syscall> calls = run(spec(rounds, system, task, out, k, workerPrompt, workerOut, maxTokens, toolLatency),
                session);
        int g = maxTokens == 0 ? out : Math.min(out, maxTokens);
        int wOut = workerOut == 0 ? out : workerOut;
        int wg = maxTokens == 0 ? wOut : Math.min(wOut, maxTokens);
        Prefix.Session chain = new Prefix.Session(session, 16);
        List<Syscall> expected = new ArrayList<>();
        long history = system;
        for (int r = 0; r < Math.max(1, rounds); r++) {
            int planPrompt = (int) (history + task);
            expected.add(new LlmCall(planPrompt, out, maxTokens, chain));
            int planContext = planPrompt + g;
            List<Syscall> children = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                children.add(new LlmCall(planContext + workerPrompt, wOut, maxTokens, null)); // prefix compared below
                if (toolLatency != null) {
                    children.add(new ToolCall("search", dev.aiosim.kernel.time.Durations.parseNanos(toolLatency)));
                }
            }
            expected.add(new FanOut(children));
            int join = planContext + k * wg;
            expected.add(new LlmCall(join, out, maxTokens, chain));
            history = join + g;
        }
        assertThat(withoutWorkerPrefixes(calls)).isEqualTo(expected);
    }

    /** The calls with worker prefixes removed (they are checked on their own). */
    private static List<Syscall> withoutWorkerPrefixes(List<Syscall> calls) {
        return calls.stream().map(c -> c instanceof FanOut f ? new FanOut(f.calls().stream()
                .map(x -> x instanceof LlmCall l ? (Syscall) new LlmCall(l.promptTokens(), l.outputTokens(), l.maxTokens(), null) : x)
                .toList()) : c).toList();
    }

    @Test
    void workersShareThePlanContextsBlocksAndNothingElse() {
        long session = 7;
        // plan prompt 500 + 100, plan output 75: plan context 675 tokens = 42 full blocks of 16
        List<Syscall> calls = run(spec(2, 500, 100, 75, 5, 40, 30, 0, null), session);
        Prefix.Session chain = new Prefix.Session(session, 16);
        FanOut fan = (FanOut) calls.get(1);
        Set<Long> ownIds = new HashSet<>();
        for (Syscall c : fan.calls()) {
            LlmCall w = (LlmCall) c;
            assertThat(w.promptTokens()).isEqualTo(715);
            Prefix.Blocks b = (Prefix.Blocks) w.prefix();
            assertThat(b.blockTokens()).isEqualTo(16);
            assertThat(b.size()).isEqualTo(45); // ceil(715 / 16)
            for (int k = 0; k < 42; k++) {
                assertThat(b.blockId(k)).isEqualTo(chain.blockId(k));
            }
            for (int k = 42; k < 45; k++) {
                assertThat(b.blockId(k)).isNotEqualTo(chain.blockId(k)).isNotZero();
                assertThat(ownIds.add(b.blockId(k))).as("block %d of a worker is its own", k).isTrue();
            }
        }
        // the second round's workers name their own blocks differently from the first round's
        FanOut second = (FanOut) calls.get(4);
        Prefix.Blocks b = (Prefix.Blocks) ((LlmCall) second.calls().get(0)).prefix();
        int shared = (((LlmCall) calls.get(3)).promptTokens() + 75) / 16;
        assertThat(ownIds).doesNotContain(b.blockId(shared + 1));
    }

    @Test
    void aRejectedFanOutEndsTheAgent() {
        PlanExecuteProgram p = new PlanExecuteProgram(3, 10, () -> 5, () -> 7, () -> 2, () -> 0, () -> 3, null, 0, "t", 1);
        Syscall plan = p.next(null);
        Syscall fan = p.next(Drive.ok(plan, 0));
        assertThat(fan).isInstanceOf(FanOut.class);
        assertThat(p.next(new SyscallResult(fan, 1, 2, SyscallResult.Status.REJECTED, 3))).isNull();
        assertThat(p.next(null)).isNull();
    }

    @Test
    void theFanOutSizeIsDrawnPerRound() {
        int[] ks = {2, 5, 1};
        int[] i = {0};
        PlanExecuteProgram p = new PlanExecuteProgram(3, 10, () -> 5, () -> 7, () -> ks[i[0]++], () -> 0, () -> 3,
                null, 0, "t", 1);
        List<Integer> sizes = Drive.run(p).stream().filter(c -> c instanceof FanOut).map(c -> ((FanOut) c).calls().size())
                .toList();
        assertThat(sizes).containsExactly(2, 5, 1);
    }
}
