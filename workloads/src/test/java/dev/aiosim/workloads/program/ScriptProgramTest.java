package dev.aiosim.workloads.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.Drive;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptProgramTest {
    private final List<Syscall> script = List.of(new LlmCall(10, 2), new ToolCall("t", 5), new LlmCall(20, 3));

    @Test
    void issuesTheScriptInOrderOneResultAtATime() {
        assertThat(Drive.run(new ScriptProgram(script))).isEqualTo(script);
        assertThat(Drive.run(new ScriptProgram(List.of()))).isEmpty();
    }

    @Test
    void goesOnAfterARejectedCall() {
        ScriptProgram p = new ScriptProgram(script);
        Syscall first = p.next(null);
        Syscall second = p.next(new SyscallResult(first, 0, 0, SyscallResult.Status.REJECTED, 0));
        assertThat(second).isEqualTo(script.get(1));
        Syscall third = p.next(Drive.ok(second, 3));
        assertThat(third).isEqualTo(script.get(2));
        assertThat(p.next(new SyscallResult(third, 9, 9, SyscallResult.Status.REJECTED, 0))).isNull();
    }

    @Test
    void rejectsResultsForOtherCallsAndASecondStart() {
        ScriptProgram p = new ScriptProgram(script);
        Syscall first = p.next(null);
        assertThatThrownBy(() -> p.next(Drive.ok(new LlmCall(99, 1), 0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.next(null)).isInstanceOf(IllegalStateException.class);
        assertThat(p.next(Drive.ok(first, 1))).isEqualTo(script.get(1));
        assertThatThrownBy(() -> new ScriptProgram(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void copiesTheList() {
        List<Syscall> mutable = new ArrayList<>(script);
        ScriptProgram p = new ScriptProgram(mutable);
        mutable.clear();
        assertThat(p.script()).isEqualTo(script);
    }
}
