package dev.aiosim.workloads.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.PageOut;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.DistSpec;
import dev.aiosim.workloads.Drive;
import dev.aiosim.workloads.ProgramSpec;
import dev.aiosim.workloads.WorkloadSpec;
import dev.aiosim.workloads.gen.GeneratedSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The memory-using programs issue the syscalls their Javadoc promises. */
class MemoryProgramsTest {
    static final long OBS = 100;

    private static java.util.function.LongSupplier counter(long start) {
        AtomicLong n = new AtomicLong(start);
        return n::getAndIncrement;
    }

    @Test
    void reactMemoryWritesEachObservationAndReadsTheRecentOnesBack() {
        ReactMemoryProgram p = new ReactMemoryProgram(4, 2, 50, () -> OBS, () -> 10, () -> 7, 0, "search");
        List<Syscall> calls = Drive.run(p);
        assertThat(calls).containsExactly(
                new LlmCall(150, 10), new ToolCall("search", 7),
                MemoryCall.own("write", "obs-1", OBS * 4),
                new LlmCall(260, 10), new ToolCall("search", 7),
                MemoryCall.own("write", "obs-2", OBS * 4), MemoryCall.own("read", "obs-1", 0),
                new LlmCall(370, 10), new ToolCall("search", 7),
                MemoryCall.own("write", "obs-3", OBS * 4), MemoryCall.own("read", "obs-2", 0), MemoryCall.own("read", "obs-1", 0),
                new LlmCall(480, 10));
    }

    @Test
    void sharedMemoryWritesToTheLeadAndReadsThePreviousTeammate() {
        // agent 6 in teams of 4: team 1 (pids 4..7), lead 4, previous teammate 5
        SharedMemoryProgram p = new SharedMemoryProgram(6, 4, 2, 0, () -> OBS, () -> 10, () -> 7, 0, "search");
        assertThat(Drive.run(p)).containsExactly(new LlmCall(100, 10), new ToolCall("search", 7),
                new MemoryCall("write", 0, OBS * 4, "board-6", 4), new MemoryCall("read", 0, 0, "board-5", 4),
                new LlmCall(210, 10), new StorageCall("write", 0, 220 * 4, "transcript", MemoryCall.SELF));
        assertThat(SharedMemoryProgram.group(6, 4)).isEqualTo("team-1");
        // the lead uses its own memory; its previous teammate wraps around to the team's last
        SharedMemoryProgram lead = new SharedMemoryProgram(4, 4, 2, 0, () -> OBS, () -> 10, () -> 7, 0, "search");
        assertThat(Drive.run(lead)).contains(new MemoryCall("write", 0, OBS * 4, "board-4", MemoryCall.SELF),
                new MemoryCall("read", 0, 0, "board-7", MemoryCall.SELF));
    }

    @Test
    void aDeniedCallIsSkippedARejectedOneEndsTheAgent() {
        SharedMemoryProgram p = new SharedMemoryProgram(1, 2, 3, 0, () -> OBS, () -> 10, () -> 7, 0, "t");
        Syscall s = p.next(null);
        s = p.next(Drive.ok(s, 0)); // tool
        s = p.next(Drive.ok(s, 0)); // write to the lead
        assertThat(s).isInstanceOf(MemoryCall.class);
        s = p.next(new SyscallResult(s, 0, 0, SyscallResult.Status.DENIED, 0));
        assertThat(s).isInstanceOf(MemoryCall.class); // the read, still
        s = p.next(new SyscallResult(s, 0, 0, SyscallResult.Status.DENIED, 0));
        assertThat(s).isInstanceOf(LlmCall.class);
        assertThat(p.next(new SyscallResult(s, 0, 0, SyscallResult.Status.REJECTED, 0))).isNull();
    }

    @Test
    void generatedTeamsGetTheirGroupsAndPageOutIsCarried() {
        ProgramSpec prog = new ProgramSpec("shared-memory", DistSpec.fixed(2), null, DistSpec.fixed(100), DistSpec.fixed(10),
                DistSpec.fixed(1), null, null, null, null, null, null, null, null, 3, "summarise", 64);
        WorkloadSpec w = WorkloadSpec.generator(7, null, prog, null);
        w.validate("workload");
        List<AgentArrival> agents = Drive.all(new GeneratedSource(w, 1, Path.of("."), "workload"));
        assertThat(agents).extracting(a -> a.agent().group())
                .containsExactly("team-0", "team-0", "team-0", "team-1", "team-1", "team-1", "team-2");
        assertThat(agents.get(0).agent().program().pageOut()).isEqualTo(new PageOut(PageOut.Mode.SUMMARISE, 64));
    }

    @Test
    void optionsAreCheckedAgainstTheKind() {
        ProgramSpec react = new ProgramSpec("react", DistSpec.fixed(2), null, DistSpec.fixed(100), DistSpec.fixed(10),
                DistSpec.fixed(1), null, null, null, null, null, null, null, 3, null, null, null);
        assertThatThrownBy(() -> react.validate("p")).hasMessage("p.recall: not used by kind react, got 3");
        ProgramSpec badPage = new ProgramSpec("react", DistSpec.fixed(2), null, DistSpec.fixed(100), DistSpec.fixed(10),
                DistSpec.fixed(1), null, null, null, null, null, null, null, null, null, "drop", null);
        assertThatThrownBy(() -> badPage.validate("p")).hasMessage("p.page-out: expected one of fail, truncate, summarise, got 'drop'");
        ProgramSpec team = new ProgramSpec("shared-memory", DistSpec.fixed(2), null, DistSpec.fixed(100), DistSpec.fixed(10),
                DistSpec.fixed(1), null, null, null, null, null, null, null, null, 0, null, null);
        assertThatThrownBy(() -> team.validate("p")).hasMessage("p.team-size: expected an integer from 1 to 1000000, got 0");
        ProgramSpec summary = new ProgramSpec("react", DistSpec.fixed(2), null, DistSpec.fixed(100), DistSpec.fixed(10),
                DistSpec.fixed(1), null, null, null, null, null, null, null, null, null, "truncate", 64);
        assertThatThrownBy(() -> summary.validate("p")).hasMessage("p.summary-tokens: not used without page-out: summarise, got 64");
    }
}
