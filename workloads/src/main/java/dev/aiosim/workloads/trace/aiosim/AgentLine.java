package dev.aiosim.workloads.trace.aiosim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one parsed agent line into a {@link TraceAgent}, checking every key, type and range and
 * naming the field at fault by its path ({@code syscalls[2].llm.prompt}). Ordering and pid
 * uniqueness span lines and are the source's job.
 */
final class AgentLine {
    private static final Set<String> AGENT_KEYS = ordered(AiosimJson.PID, AiosimJson.NAME, AiosimJson.ARRIVAL,
            AiosimJson.PRIORITY, AiosimJson.WEIGHT, AiosimJson.GROUP, AiosimJson.SYSCALLS);
    private static final Set<String> LLM_KEYS = ordered(AiosimJson.PROMPT, AiosimJson.OUTPUT, AiosimJson.MAX_TOKENS,
            AiosimJson.PREFIX);
    private static final Set<String> TOOL_KEYS = ordered(AiosimJson.LATENCY, AiosimJson.TOOL_NAME);
    private static final Set<String> MEMORY_KEYS = ordered(AiosimJson.LATENCY, AiosimJson.OP, AiosimJson.SIZE,
            AiosimJson.ITEM, AiosimJson.TARGET);
    private static final Set<String> STORAGE_KEYS = ordered(AiosimJson.LATENCY, AiosimJson.OP, AiosimJson.SIZE,
            AiosimJson.FILE, AiosimJson.TARGET);
    private static final Set<String> BLOCKS_KEYS = ordered(AiosimJson.BLOCK_TOKENS, AiosimJson.IDS);
    private static final Set<String> SESSION_KEYS = ordered(AiosimJson.SESSION, AiosimJson.BLOCK_TOKENS);
    private static final String KINDS = "llm, tool, memory, storage or parallel";

    private AgentLine() {}

    static TraceAgent parse(JsonNode row) {
        if (!row.isObject()) {
            throw new BadField("row", "a JSON object (one agent)", row.toString());
        }
        keys(row, "", AGENT_KEYS);
        long pid = integer(row, "", AiosimJson.PID, 0, Long.MAX_VALUE);
        JsonNode nameNode = row.get(AiosimJson.NAME);
        String name = nameNode == null ? AiosimJson.defaultName(pid) : text(nameNode, AiosimJson.NAME);
        long arrival = integer(row, "", AiosimJson.ARRIVAL, 0, Long.MAX_VALUE);
        int priority = 0;
        JsonNode p = row.get(AiosimJson.PRIORITY);
        if (p != null) {
            if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                throw new BadField(AiosimJson.PRIORITY, "an integer", p.toString());
            }
            priority = p.intValue();
        }
        double weight = 1.0;
        JsonNode w = row.get(AiosimJson.WEIGHT);
        if (w != null) {
            if (!w.isNumber() || !(w.doubleValue() > 0) || Double.isInfinite(w.doubleValue())) {
                throw new BadField(AiosimJson.WEIGHT, "a number > 0", w.toString());
            }
            weight = w.doubleValue();
        }
        JsonNode g = row.get(AiosimJson.GROUP);
        String group = g == null ? AiosimJson.DEFAULT_GROUP : text(g, AiosimJson.GROUP);
        JsonNode calls = row.get(AiosimJson.SYSCALLS);
        if (calls == null) {
            throw new BadField(AiosimJson.SYSCALLS, "an array of syscalls (the key is missing)", "");
        }
        if (!calls.isArray()) {
            throw new BadField(AiosimJson.SYSCALLS, "an array of syscalls", calls.toString());
        }
        List<Syscall> syscalls = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            syscalls.add(syscall(calls.get(i), AiosimJson.SYSCALLS + "[" + i + "]"));
        }
        return new TraceAgent(pid, name, arrival, priority, weight, group, syscalls);
    }

    private static Syscall syscall(JsonNode s, String path) {
        if (!s.isObject() || s.size() != 1) {
            throw new BadField(path, "an object with exactly one key: " + KINDS, s.toString());
        }
        Map.Entry<String, JsonNode> e = s.properties().iterator().next();
        String kind = e.getKey();
        JsonNode body = e.getValue();
        String at = path + "." + kind;
        return switch (kind) {
            case AiosimJson.LLM -> llm(object(body, at), at);
            case AiosimJson.TOOL -> {
                keys(object(body, at), at + ".", TOOL_KEYS);
                yield new ToolCall(optionalText(body, at, AiosimJson.TOOL_NAME),
                        integer(body, at + ".", AiosimJson.LATENCY, 0, Long.MAX_VALUE));
            }
            case AiosimJson.MEMORY, AiosimJson.STORAGE -> {
                boolean memory = kind.equals(AiosimJson.MEMORY);
                keys(object(body, at), at + ".", memory ? MEMORY_KEYS : STORAGE_KEYS);
                String op = optionalText(body, at, AiosimJson.OP);
                long latency = integer(body, at + ".", AiosimJson.LATENCY, 0, Long.MAX_VALUE);
                long size = body.has(AiosimJson.SIZE) ? integer(body, at + ".", AiosimJson.SIZE, 0, Long.MAX_VALUE) : 0;
                String name = optionalText(body, at, memory ? AiosimJson.ITEM : AiosimJson.FILE);
                long target = body.has(AiosimJson.TARGET)
                        ? integer(body, at + ".", AiosimJson.TARGET, 0, Long.MAX_VALUE) : MemoryCall.SELF;
                yield memory ? new MemoryCall(op, latency, size, name, target) : new StorageCall(op, latency, size, name, target);
            }
            case AiosimJson.PARALLEL -> {
                if (!body.isArray() || body.isEmpty()) {
                    throw new BadField(at, "a non-empty array of syscalls run at once", body.toString());
                }
                List<Syscall> children = new ArrayList<>(body.size());
                for (int i = 0; i < body.size(); i++) {
                    JsonNode child = body.get(i);
                    if (child.isObject() && child.has(AiosimJson.PARALLEL)) {
                        throw new BadField(at + "[" + i + "]", "an llm, tool, memory or storage call (fan-outs do not nest)",
                                AiosimJson.PARALLEL);
                    }
                    children.add(syscall(child, at + "[" + i + "]"));
                }
                yield new FanOut(children);
            }
            default -> throw new BadField(path, "one of the keys " + KINDS, kind);
        };
    }

    private static LlmCall llm(JsonNode body, String at) {
        keys(body, at + ".", LLM_KEYS);
        String dot = at + ".";
        int prompt = (int) integer(body, dot, AiosimJson.PROMPT, 1, Integer.MAX_VALUE);
        int output = (int) integer(body, dot, AiosimJson.OUTPUT, 1, Integer.MAX_VALUE);
        int max = body.has(AiosimJson.MAX_TOKENS)
                ? (int) integer(body, dot, AiosimJson.MAX_TOKENS, 0, Integer.MAX_VALUE) : 0;
        JsonNode p = body.get(AiosimJson.PREFIX);
        return new LlmCall(prompt, output, max, p == null ? null : prefix(p, dot + AiosimJson.PREFIX));
    }

    private static Prefix prefix(JsonNode p, String at) {
        String either = "either {\"block_tokens\":N,\"ids\":[...]} or {\"session\":K,\"block_tokens\":N}";
        if (!p.isObject() || p.has(AiosimJson.IDS) == p.has(AiosimJson.SESSION)) {
            throw new BadField(at, either, p.toString());
        }
        String dot = at + ".";
        if (p.has(AiosimJson.IDS)) {
            keys(p, dot, BLOCKS_KEYS);
            int block = (int) integer(p, dot, AiosimJson.BLOCK_TOKENS, 1, Integer.MAX_VALUE);
            JsonNode ids = p.get(AiosimJson.IDS);
            if (!ids.isArray()) {
                throw new BadField(dot + AiosimJson.IDS, "an array of integer block ids", ids.toString());
            }
            long[] v = new long[ids.size()];
            for (int k = 0; k < v.length; k++) {
                JsonNode id = ids.get(k);
                if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                    throw new BadField(dot + AiosimJson.IDS + "[" + k + "]", "an integer block id (64-bit)", id.toString());
                }
                v[k] = id.longValue();
            }
            return new Prefix.Blocks(block, v);
        }
        keys(p, dot, SESSION_KEYS);
        JsonNode s = p.get(AiosimJson.SESSION);
        if (!s.isIntegralNumber() || !s.canConvertToLong()) {
            throw new BadField(dot + AiosimJson.SESSION, "an integer session key (64-bit)", s.toString());
        }
        int block = (int) integer(p, dot, AiosimJson.BLOCK_TOKENS, 1, Integer.MAX_VALUE);
        return new Prefix.Session(s.longValue(), block);
    }

    private static JsonNode object(JsonNode n, String at) {
        if (!n.isObject()) {
            throw new BadField(at, "an object", n.toString());
        }
        return n;
    }

    /** Every key of {@code n} is one of {@code allowed}. */
    private static void keys(JsonNode n, String prefix, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new BadField(prefix + k, "one of the keys " + String.join(", ", allowed), k);
            }
        }
    }

    /** The required integer at {@code n.key}, between {@code min} and {@code max}. */
    private static long integer(JsonNode n, String prefix, String key, long min, long max) {
        JsonNode v = n.get(key);
        String what = "an integer >= " + min + (max < Long.MAX_VALUE ? " and <= " + max : "");
        if (v == null) {
            throw new BadField(prefix + key, what + " (the key is missing)", "");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new BadField(prefix + key, what, v.toString());
        }
        return v.longValue();
    }

    private static String text(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw new BadField(path, "a string", v.toString());
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode n, String at, String key) {
        JsonNode v = n.get(key);
        return v == null ? null : text(v, at + "." + key);
    }

    private static Set<String> ordered(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
