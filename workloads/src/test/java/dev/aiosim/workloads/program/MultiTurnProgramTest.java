package dev.aiosim.workloads.program;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiTurnProgramTest {

    @ParameterizedTest
    @CsvSource({
        "4, 512, 200, 150, 0, 5s",
        "1, 0, 10, 20, 0, 1s",
        "6, 1, 1, 1, 0, 0",
        "5, 300, 50, 400, 128, 250ms"})
    void eachTurnResendsTheConversationPlusANewUserMessage(int turns, int system, int user, int out, int maxTokens,
                                                           String think) {
        ProgramSpec spec = ProgramSpec.multiTurn(DistSpec.fixed(turns), system == 0 ? null : DistSpec.fixed(system),
                DistSpec.fixed(user), DistSpec.fixed(out), DistSpec.fixed(think)).withMaxTokens(maxTokens);
        spec.validate("p");
        long pid = 31;
        List<Syscall> calls = Drive.run(new AgentTemplate(spec, "p", Path.of("."), new EmpiricalColumn.Cache())
                .create(Seeds.provider(new SplittableRandom(1)), pid));

        int generated = maxTokens == 0 ? out : Math.min(out, maxTokens);
        Prefix session = new Prefix.Session(pid, 16);
        List<Syscall> expected = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            expected.add(new LlmCall(system + i * (user + generated) + user, out, maxTokens, session));
            if (i < turns - 1) {
                expected.add(new ToolCall("user", dev.aiosim.kernel.time.Durations.parseNanos(think)));
            }
        }
        assertThat(calls).isEqualTo(expected);
    }

    @Test
    void aRejectedTurnEndsTheSession() {
        MultiTurnProgram p = new MultiTurnProgram(5, 10, () -> 5, () -> 7, () -> 1, 0, 3);
        Syscall first = p.next(null);
        assertThat(first).isEqualTo(new LlmCall(15, 7, 0, new Prefix.Session(3, 16)));
        assertThat(p.next(new SyscallResult(first, 0, 1, SyscallResult.Status.REJECTED, 0))).isNull();
        assertThat(p.next(null)).isNull();
    }

    @Test
    void drawsComeFromTheAgentsStreamInAFixedOrder() {
        // user messages and outputs drawn per turn, think times between: the same stream gives the same session
        ProgramSpec spec = ProgramSpec.multiTurn(DistSpec.uniform(2, 9), DistSpec.lognormal(400, 0.5),
                DistSpec.lognormal(100, 0.8), DistSpec.exponential(120), DistSpec.exponential("20s"));
        spec.validate("p");
        AgentTemplate t = new AgentTemplate(spec, "p", Path.of("."), new EmpiricalColumn.Cache());
        List<Syscall> a = Drive.run(t.create(Seeds.provider(Seeds.stream(5, Seeds.PROGRAMS, 2)), 2));
        List<Syscall> b = Drive.run(t.create(Seeds.provider(Seeds.stream(5, Seeds.PROGRAMS, 2)), 2));
        List<Syscall> c = Drive.run(t.create(Seeds.provider(Seeds.stream(5, Seeds.PROGRAMS, 3)), 3));
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        // prompts grow by at least the previous output each turn
        int prevPrompt = 0;
        int prevOut = 0;
        for (Syscall s : a) {
            if (s instanceof LlmCall l) {
                assertThat(l.promptTokens()).isGreaterThan(prevPrompt + prevOut);
                prevPrompt = l.promptTokens();
                prevOut = l.outputTokens();
            }
        }
    }
}
