package dev.aiosim.cli.spec;

import dev.aiosim.kernel.access.AccessRule;
import dev.aiosim.kernel.access.Rights;
import dev.aiosim.kernel.memory.MemoryConfig;
import dev.aiosim.kernel.services.OsConfig;
import dev.aiosim.kernel.storage.StorageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code memory}, {@code storage} and {@code access} sections with their defaults filled in
 * and every value checked, and the kernel's {@link OsConfig} they make with the model's context
 * window. The defaults are assumptions, not measurements (set your own): RAM tier 64MiB, LRU,
 * hits 10us, misses 1ms + bytes at 1GB/s; storage 100us + bytes at 1GB/s (an NVMe-class device).
 *
 * @param memory the memory section as written back (every value explicit), or null when absent
 * @param storage the storage section as written back, or null when absent
 * @param access the access rules as written back, or null when absent
 * @param contextWindowTokens the model's context window from the catalog, 0 when it states none
 */
public record ResolvedServices(MemorySpec memory, StorageSpec storage, List<AccessRuleSpec> access,
                               long contextWindowTokens) {
    static final ByteSize DEFAULT_RAM = new ByteSize(64L << 20);
    static final DurationValue DEFAULT_HIT = new DurationValue(10_000);
    static final DurationValue DEFAULT_MISS = new DurationValue(1_000_000);
    static final Bandwidth DEFAULT_BANDWIDTH = new Bandwidth(1_000_000_000L);
    static final DurationValue DEFAULT_STORAGE_LATENCY = new DurationValue(100_000);
    /** The longest latency accepted: an hour (longer is a typo, and would stall any run). */
    static final long MAX_LATENCY_NANOS = 3_600_000_000_000L;

    /** Whether the spec declares any of the three sections: then the results carry their columns. */
    public boolean declared() {
        return memory != null || storage != null || access != null;
    }

    static ResolvedServices resolve(MemorySpec m, StorageSpec s, List<AccessRuleSpec> a, long contextWindow) {
        return new ResolvedServices(m == null ? null : memory(m), s == null ? null : storage(s),
                a == null ? null : access(a), contextWindow);
    }

    private static MemorySpec memory(MemorySpec m) {
        ByteSize ram = Objects.requireNonNullElse(m.ram(), DEFAULT_RAM);
        if (ram.bytes() < 1) {
            throw new FieldError("memory.ram", "expected a size >= 1 byte, got " + ram);
        }
        String eviction = Objects.requireNonNullElse(m.eviction(), "lru");
        Integer k = m.k();
        switch (eviction) {
            case "lru" -> {
                if (k != null) {
                    throw new FieldError("memory.k", "k is lru-k's parameter; with eviction: lru leave it out, got " + k);
                }
            }
            case "lru-k" -> {
                k = k == null ? 2 : k;
                if (k < 2 || k > MemoryConfig.MAX_K) {
                    throw new FieldError("memory.k", "expected an integer from 2 to " + MemoryConfig.MAX_K
                            + " (k = 1 is plain lru), got " + k);
                }
            }
            default -> throw new FieldError("memory.eviction", "expected lru or lru-k, got '" + eviction + "'");
        }
        return new MemorySpec(ram, eviction, k, latency("memory.hit-latency", m.hitLatency(), DEFAULT_HIT),
                latency("memory.miss-latency", m.missLatency(), DEFAULT_MISS),
                Objects.requireNonNullElse(m.spillBandwidth(), DEFAULT_BANDWIDTH));
    }

    private static StorageSpec storage(StorageSpec s) {
        return new StorageSpec(latency("storage.latency", s.latency(), DEFAULT_STORAGE_LATENCY),
                Objects.requireNonNullElse(s.bandwidth(), DEFAULT_BANDWIDTH));
    }

    private static DurationValue latency(String path, DurationValue v, DurationValue d) {
        DurationValue x = Objects.requireNonNullElse(v, d);
        if (x.nanos() > MAX_LATENCY_NANOS) {
            throw new FieldError(path, "expected a duration from 0 to 1h, got " + x);
        }
        return x;
    }

    private static List<AccessRuleSpec> access(List<AccessRuleSpec> rules) {
        List<AccessRuleSpec> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String at = "access[" + i + "]";
            AccessRuleSpec r = rules.get(i);
            if (r == null) {
                throw new FieldError(at, "expected a rule {group, of, memory, storage, tools}, got nothing");
            }
            if (r.group() == null || r.group().isBlank()) {
                throw new FieldError(at + ".group", "expected the callers' group name or '*', got nothing");
            }
            List<String> of = r.of() == null ? List.of(AccessRule.SAME) : r.of();
            names(at + ".of", of, "a group name, 'same' or '*'");
            if (of.isEmpty()) {
                throw new FieldError(at + ".of", "expected at least one target group (a name, 'same' or '*')");
            }
            String memory = rights(at + ".memory", r.memory());
            String storage = rights(at + ".storage", r.storage());
            if (r.tools() != null) {
                names(at + ".tools", r.tools(), "a tool name or '*'");
            }
            if (memory.equals("none") && storage.equals("none") && r.tools() == null) {
                throw new FieldError(at, "the rule grants nothing: give memory, storage (read, write or read-write) or tools");
            }
            out.add(new AccessRuleSpec(r.group().trim(), List.copyOf(of), memory, storage,
                    r.tools() == null ? null : List.copyOf(r.tools())));
        }
        return List.copyOf(out);
    }

    private static void names(String path, List<String> names, String what) {
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            if (n == null || n.isBlank()) {
                throw new FieldError(path + "[" + j + "]", "expected " + what + ", got nothing");
            }
        }
    }

    private static String rights(String path, String v) {
        if (v == null) {
            return "none";
        }
        try {
            return Rights.parse(v).text();
        } catch (IllegalArgumentException e) {
            throw new FieldError(path, e.getMessage());
        }
    }

    /** The kernel's services. */
    public OsConfig osConfig() {
        MemoryConfig mc = memory == null ? null : new MemoryConfig(memory.ram().bytes(),
                memory.eviction().equals("lru") ? 1 : memory.k(), memory.hitLatency().nanos(),
                memory.missLatency().nanos(), memory.spillBandwidth().bytesPerSecond());
        StorageConfig sc = storage == null ? null
                : new StorageConfig(storage.latency().nanos(), storage.bandwidth().bytesPerSecond());
        List<AccessRule> rules = new ArrayList<>();
        if (access != null) {
            for (AccessRuleSpec r : access) {
                rules.add(new AccessRule(r.group(), r.of(), Rights.parse(r.memory()), Rights.parse(r.storage()), r.tools()));
            }
        }
        return new OsConfig(mc, sc, rules, contextWindowTokens, declared());
    }
}
