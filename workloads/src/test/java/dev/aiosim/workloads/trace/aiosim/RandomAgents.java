package dev.aiosim.workloads.trace.aiosim;

import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test helper: seeded random agents using every syscall kind, both prefix kinds and odd values. */
final class RandomAgents {
    private static final String[] NAMES = {"agent", "búsqueda \"quoted\"", "tab\there", "", "日本語", "back\\slash"};

    private RandomAgents() {}

    static List<TraceAgent> make(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TraceAgent> out = new ArrayList<>();
        long t = r.nextLong(1_000_000_000L);
        for (int i = 0; i < n; i++) {
            t += r.nextInt(4) == 0 ? 0 : r.nextLong(5_000_000_000L);
            long pid = i * 3L + r.nextInt(3);
            String name = r.nextInt(4) == 0 ? AiosimJson.defaultName(pid) : NAMES[r.nextInt(NAMES.length)] + i;
            int priority = r.nextInt(3) == 0 ? 0 : r.nextInt(-5, 10);
            double weight = switch (r.nextInt(4)) {
                case 0 -> 1.0;
                case 1 -> 0.1;
                case 2 -> r.nextDouble(1e-9, 1e9);
                default -> r.nextInt(1, 8);
            };
            String group = r.nextBoolean() ? "default" : "g" + r.nextInt(3);
            List<Syscall> calls = new ArrayList<>();
            int k = r.nextInt(0, 8);
            for (int j = 0; j < k; j++) {
                calls.add(r.nextInt(6) == 0 ? fanOut(r) : syscall(r));
            }
            out.add(new TraceAgent(pid, name, t, priority, weight, group, calls));
        }
        return out;
    }

    static Syscall syscall(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> new LlmCall(r.nextInt(1, 100_000), r.nextInt(1, 4_000),
                    r.nextBoolean() ? 0 : r.nextInt(1, 2_000), prefix(r));
            case 2 -> new ToolCall(r.nextBoolean() ? null : "tool-" + r.nextInt(5), r.nextLong(0, Long.MAX_VALUE / 2));
            case 3 -> new MemoryCall(r.nextBoolean() ? null : "read", r.nextLong(0, 10_000_000));
            default -> new StorageCall(r.nextBoolean() ? null : "write", r.nextLong(0, 10_000_000));
        };
    }

    static FanOut fanOut(SplittableRandom r) {
        List<Syscall> children = new ArrayList<>();
        for (int i = r.nextInt(1, 5); i > 0; i--) {
            children.add(syscall(r));
        }
        return new FanOut(children);
    }

    private static Prefix prefix(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> {
                long[] ids = new long[r.nextInt(0, 6)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = r.nextBoolean() ? r.nextLong() : r.nextInt(20);
                }
                yield new Prefix.Blocks(r.nextBoolean() ? 512 : r.nextInt(1, 64), ids);
            }
            default -> new Prefix.Session(r.nextLong(), r.nextBoolean() ? 16 : r.nextInt(1, 1024));
        };
    }
}
