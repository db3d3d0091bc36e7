package dev.aiosim.workloads.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.LlmCall;
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
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReactProgramTest {

    @ParameterizedTest
    @CsvSource({
        "4, 512, 200, 150, 0",
        "1, 100, 10, 20, 0",
        "6, 1, 1, 1, 0",
        "5, 300, 50, 400, 128",
        "3, 0, 7, 9, 0"})
    void promptGrowsWithTheHistoryExactly(int rounds, int system, int step, int out, int maxTokens) {
        ProgramSpec spec = new ProgramSpec("react", DistSpec.fixed(rounds), system == 0 ? null : DistSpec.fixed(system),
                DistSpec.fixed(step), DistSpec.fixed(out), DistSpec.fixed("250ms"), maxTokens, "search", null, null, null, null, null);
        spec.validate("p");
        var program = new AgentTemplate(spec, "p", Path.of("."), new EmpiricalColumn.Cache())
                .create(Seeds.provider(new SplittableRandom(1)));
        List<Syscall> calls = Drive.run(program);

        int generated = maxTokens == 0 ? out : Math.min(out, maxTokens);
        List<Syscall> expected = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            // round i: system + i * (step + generated) of history + this round's step
            expected.add(new LlmCall(system + i * (step + generated) + step, out, maxTokens));
            if (i < rounds - 1) {
                expected.add(new ToolCall("search", 250_000_000L));
            }
        }
        assertThat(calls).isEqualTo(expected);
    }

    @Test
    void aRejectedCallEndsTheAgent() {
        ReactProgram p = new ReactProgram(5, 10, () -> 5, () -> 7, () -> 1, 0, "t");
        Syscall first = p.next(null);
        assertThat(first).isEqualTo(new LlmCall(15, 7));
        assertThat(p.next(new SyscallResult(first, 0, 1, SyscallResult.Status.REJECTED, 0))).isNull();
        assertThat(p.next(null)).isNull();
    }

    @Test
    void aResultForAnotherCallIsABug() {
        ReactProgram p = new ReactProgram(5, 10, () -> 5, () -> 7, () -> 1, 0, "t");
        p.next(null);
        assertThatThrownBy(() -> p.next(Drive.ok(new LlmCall(1, 1), 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void chatIsOneCallOfSystemPlusStepPrompt() {
        ProgramSpec spec = new ProgramSpec("chat", null, DistSpec.fixed(100), DistSpec.fixed(23), DistSpec.fixed(40),
                null, 16, null, null, null, null, null, null);
        spec.validate("p");
        var program = new AgentTemplate(spec, "p", Path.of("."), new EmpiricalColumn.Cache())
                .create(Seeds.provider(new SplittableRandom(1)));
        assertThat(Drive.run(program)).containsExactly(new LlmCall(123, 40, 16));
    }

    @Test
    void singleCallProgram() {
        SingleCallProgram p = new SingleCallProgram(new LlmCall(3, 4));
        assertThat(Drive.run(p)).containsExactly(new LlmCall(3, 4));
    }
}
