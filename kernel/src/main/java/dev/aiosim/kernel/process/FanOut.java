package dev.aiosim.kernel.process;

import java.util.List;

/**
 * Several syscalls issued at the same instant, whose results the program receives together: the
 * parallel fan-out of plan-and-execute agents (LLMCompiler, Kim et al., ICML 2024) and of
 * multi-agent frameworks, which is what program-level schedulers such as Autellix (Luo et al.,
 * 2025) are about. Each child is an ordinary LLM, tool, memory or storage call in every metric.
 * The program's {@link Program#next} is called once, when the last child ends, with a
 * {@link SyscallResult} for the fan-out: submitted at the fan-out instant, completed when the last
 * child ended, {@code COMPLETED} only if every child completed (else {@code REJECTED}), and output
 * tokens summed over the children.
 *
 * @param calls the children, at least one, none of them a fan-out
 */
public record FanOut(List<Syscall> calls) implements Syscall {
    public FanOut {
        if (calls == null || calls.isEmpty()) {
            throw new IllegalArgumentException("a fan-out needs at least one call, got " + (calls == null ? "null" : "none"));
        }
        for (int i = 0; i < calls.size(); i++) {
            Syscall c = calls.get(i);
            if (c == null) {
                throw new IllegalArgumentException("fan-out call " + i + " is null");
            }
            if (c instanceof FanOut) {
                throw new IllegalArgumentException("fan-out call " + i + " is itself a fan-out; nesting is not supported");
            }
        }
        calls = List.copyOf(calls);
    }
}
