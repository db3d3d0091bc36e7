package dev.aiosim.workloads.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.program.ReactProgram;
import dev.aiosim.workloads.program.ScriptProgram;
import dev.aiosim.workloads.program.SingleCallProgram;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SyscallsTest {
    private static AgentProcess agent(dev.aiosim.kernel.process.Program p) {
        return new AgentProcess(1, "a", 0, 1.0, "default", p);
    }

    @Test
    void traceProgramsUnrollToExactlyTheirSyscalls() {
        List<Syscall> calls = List.of(new LlmCall(10, 5), new ToolCall("t", 7), new MemoryCall("read", 1), new LlmCall(30, 9, 4));
        assertThat(Syscalls.unroll(agent(new ScriptProgram(calls)))).isEqualTo(calls);
        assertThat(Syscalls.unroll(agent(new SingleCallProgram(new LlmCall(3, 2))))).containsExactly(new LlmCall(3, 2));
        assertThat(Syscalls.unroll(agent(new ScriptProgram(List.of())))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void reactProgramsUnrollAsIfEveryCallCompletedAsAsked(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rounds = r.nextInt(1, 6);
        int max = r.nextBoolean() ? 0 : 50;
        List<Syscall> got = Syscalls.unroll(agent(new ReactProgram(rounds, 100, () -> 20, () -> r.nextLong(1, 120), () -> 1_000L, max, "search")));
        assertThat(got).hasSize(2 * rounds - 1);
        long history = 100;
        for (int i = 0; i < got.size(); i++) {
            if (i % 2 == 1) {
                assertThat(got.get(i)).isEqualTo(new ToolCall("search", 1_000));
                continue;
            }
            LlmCall c = (LlmCall) got.get(i);
            assertThat(c.promptTokens()).isEqualTo(history + 20);
            history = c.promptTokens() + (long) c.tokensToGenerate();
        }
    }

    @Test
    void endlessProgramsAreCaught() {
        assertThatThrownBy(() -> Syscalls.unroll(previous -> new ToolCall("loop", 1), "agent 9"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("agent 9 issued more than");
    }
}
