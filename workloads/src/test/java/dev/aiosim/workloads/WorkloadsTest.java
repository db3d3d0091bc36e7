package dev.aiosim.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadsTest {
    @TempDir
    Path dir;

    static WorkloadSpec demo() throws Exception {
        return new ObjectMapper().readValue(WorkloadSpecTest.DEMO, WorkloadSpec.class);
    }

    static WorkloadSpec poisson() {
        return WorkloadSpec.generator(300, ArrivalSpec.gamma(4, 2),
                ProgramSpec.react(DistSpec.uniform(1, 8), DistSpec.lognormal(400, 0.3), DistSpec.lognormal(200, 0.5),
                        DistSpec.exponential(150), DistSpec.lognormal("1.5s", 0.8)),
                List.of(new PriorityShare(0.1, 2), new PriorityShare(0.3, 1)));
    }

    /** Arrival time, pid, name, priority of each agent plus, per agent, all its syscalls. */
    record Run(List<String> agents, List<List<Syscall>> calls) {}

    static Run sequential(AgentSource source) {
        List<String> agents = new ArrayList<>();
        List<List<Syscall>> calls = new ArrayList<>();
        for (AgentArrival a : Drive.all(source)) {
            agents.add(describe(a));
            calls.add(Drive.run(a.agent().program()));
        }
        return new Run(agents, calls);
    }

    static Run interleaved(AgentSource source) {
        List<AgentArrival> all = Drive.all(source);
        List<Program> programs = all.stream().map(a -> a.agent().program()).toList();
        return new Run(all.stream().map(WorkloadsTest::describe).toList(), Drive.interleaved(programs));
    }

    static String describe(AgentArrival a) {
        return a.time() + " " + a.agent().pid() + " " + a.agent().name() + " " + a.agent().priority() + " "
                + a.agent().weight() + " " + a.agent().group();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, -7})
    void sameSeedSameAgentsWhateverOrderTheProgramsAreDriven(long seed) throws Exception {
        WorkloadSpec multiTurn = new ObjectMapper().readValue(WorkloadSpecTest.MULTI_TURN, WorkloadSpec.class);
        WorkloadSpec planExecute = WorkloadSpec.generator(50, ArrivalSpec.onOff(5, 0.5, 10, 20),
                ProgramSpec.planExecute(DistSpec.uniform(1, 3), DistSpec.fixed(300), DistSpec.lognormal(200, 0.5),
                        DistSpec.exponential(100), DistSpec.uniform(1, 6), null, DistSpec.exponential(60)), null);
        for (WorkloadSpec spec : List.of(demo(), poisson(), multiTurn, planExecute)) {
            Run a = sequential(Workloads.open(spec, seed, dir));
            Run b = interleaved(Workloads.open(spec, seed, dir));
            assertThat(b).isEqualTo(a);
            assertThat(a.calls()).allSatisfy(c -> assertThat(c).isNotEmpty());
            Run other = sequential(Workloads.open(spec, seed + 1, dir));
            assertThat(other.calls()).isNotEqualTo(a.calls());
        }
    }

    @Test
    void demoWorkload() throws Exception {
        List<AgentArrival> all = Drive.all(Workloads.open(demo(), 7, dir));
        assertThat(all).hasSize(250);
        assertThat(all).allSatisfy(a -> assertThat(a.time()).isZero());
        assertThat(all.stream().map(a -> a.agent().pid()).toList())
                .isEqualTo(java.util.stream.LongStream.range(0, 250).boxed().toList());
        Map<Integer, Long> byPriority = all.stream()
                .collect(Collectors.groupingBy(a -> a.agent().priority(), Collectors.counting()));
        assertThat(byPriority).isEqualTo(Map.of(0, 200L, 1, 50L));
        for (AgentArrival a : all) {
            List<Syscall> calls = Drive.run(a.agent().program());
            long llm = calls.stream().filter(c -> c instanceof LlmCall).count();
            long tools = calls.stream().filter(c -> c instanceof ToolCall).count();
            assertThat(llm).isBetween(2L, 6L);
            assertThat(tools).isEqualTo(llm - 1);
            assertThat(calls.get(calls.size() - 1)).isInstanceOf(LlmCall.class);
            // prompts grow: every prompt is above the previous prompt plus its output
            int prev = 0;
            int prevOut = 0;
            for (Syscall c : calls) {
                if (c instanceof LlmCall l) {
                    assertThat(l.promptTokens()).isGreaterThan(prev == 0 ? 512 : prev + prevOut);
                    prev = l.promptTokens();
                    prevOut = l.outputTokens();
                }
            }
        }
    }

    @Test
    void openArrivalsAreNonDecreasingAndStartAtZero() {
        List<AgentArrival> all = Drive.all(Workloads.open(poisson(), 3, dir));
        assertThat(all.get(0).time()).isZero();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).time()).isGreaterThanOrEqualTo(all.get(i - 1).time());
        }
        assertThat(all.get(all.size() - 1).time()).isPositive();
    }

    @Test
    void openRejectsAnInvalidSpecAndAMissingTrace() {
        assertThatThrownBy(() -> Workloads.open(WorkloadSpec.generator(0, null, poisson().program(), null), 1, dir))
                .hasMessageStartingWith("workload.agents:");
        assertThatThrownBy(() -> Workloads.open(WorkloadSpec.trace("nope.csv", null, null), 1, dir))
                .isInstanceOf(dev.aiosim.workloads.trace.TraceFileException.class)
                .hasMessage(dir.resolve("nope.csv") + ": no such file");
    }

    @Test
    void openReplaysATraceRelativeToBaseDir() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.0000000,5,0\n"
                + "2023-11-16 18:15:48.0000000,10,2\n");
        try (AgentSource s = Workloads.open(WorkloadSpec.trace("t.csv", null, "skip"), 1, dir)) {
            List<AgentArrival> all = Drive.all(s);
            assertThat(all).hasSize(2);
            assertThat(s.skippedRows()).isEqualTo(1);
            assertThat(all.get(1).time()).isEqualTo(1_319_410_000L);
        }
    }
}
