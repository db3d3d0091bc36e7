package dev.aiosim.workloads;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.SyscallResult;
import java.util.ArrayList;
import java.util.List;

/** Test helper: pulls agents from a source and drives their programs with fake results. */
public final class Drive {
    private Drive() {}

    /** All arrivals of a source (tests only; real callers stream). */
    public static List<AgentArrival> all(AgentSource source) {
        List<AgentArrival> out = new ArrayList<>();
        for (AgentArrival a = source.next(); a != null; a = source.next()) {
            out.add(a);
        }
        return out;
    }

    /** A completed result for {@code call}; {@code salt} varies the times, which programs must ignore. */
    public static SyscallResult ok(Syscall call, long salt) {
        int out = switch (call) {
            case LlmCall l -> l.tokensToGenerate();
            case FanOut f -> f.calls().stream().mapToInt(c -> c instanceof LlmCall l ? l.tokensToGenerate() : 0).sum();
            default -> 0;
        };
        return new SyscallResult(call, salt, salt + 1 + salt % 7, SyscallResult.Status.COMPLETED, out);
    }

    /** Every syscall of one program, driven to its end. */
    public static List<Syscall> run(Program p) {
        List<Syscall> calls = new ArrayList<>();
        for (Syscall s = p.next(null); s != null; s = p.next(ok(s, calls.size()))) {
            calls.add(s);
        }
        return calls;
    }

    /**
     * Every syscall of every program, advancing them one syscall at a time round-robin from the
     * last program to the first (the opposite of {@link #run} one by one).
     */
    public static List<List<Syscall>> interleaved(List<Program> programs) {
        int n = programs.size();
        List<List<Syscall>> calls = new ArrayList<>();
        Syscall[] last = new Syscall[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            calls.add(new ArrayList<>());
        }
        int alive = n;
        long tick = 1000;
        while (alive > 0) {
            for (int i = n - 1; i >= 0; i--) {
                if (done[i]) {
                    continue;
                }
                Syscall s = programs.get(i).next(last[i] == null ? null : ok(last[i], tick++));
                if (s == null) {
                    done[i] = true;
                    alive--;
                } else {
                    calls.get(i).add(s);
                    last[i] = s;
                }
            }
        }
        return calls;
    }
}
