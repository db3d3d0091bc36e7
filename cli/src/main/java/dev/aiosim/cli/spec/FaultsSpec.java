package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiosim.kernel.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's {@code faults:} section (fault injection, issue 10), bound from YAML; absent values
 * get their defaults in {@link #resolve}, which range-checks every key and names the field at fault.
 *
 * @param crashes engine crashes at fixed times
 * @param mtbf mean time between failures of each engine (exponential up-times); absent = none
 * @param mttr mean time to repair after a random crash (exponential); required with mtbf
 * @param onCrash {@code redispatch} (default): calls that lost their KV go to engines that are up; {@code wait}: they wait for the restart
 * @param hostSwap {@code lost} (default): swap snapshots in host memory die with the engine; {@code kept}: they survive
 * @param llmMaxLosses an LLM call that loses its state this many times fails; 0 (default) = never
 * @param tools tool-call failures and retries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultsSpec(@JsonProperty("crashes") List<CrashSpec> crashes, @JsonProperty("mtbf") DurationValue mtbf,
                         @JsonProperty("mttr") DurationValue mttr, @JsonProperty("on-crash") String onCrash,
                         @JsonProperty("host-swap") String hostSwap, @JsonProperty("llm-max-losses") Integer llmMaxLosses,
                         @JsonProperty("tools") ToolFaultsSpec tools) {
    /** The largest llm-max-losses and tool max-attempts accepted. */
    static final int MAX_ATTEMPTS = 1_000;

    /**
     * One fixed crash.
     *
     * @param engine engine index, from 0
     * @param at when it crashes
     * @param down how long it stays down
     */
    public record CrashSpec(@JsonProperty("engine") Integer engine, @JsonProperty("at") DurationValue at,
                            @JsonProperty("down") DurationValue down) {}

    /**
     * Tool-call failures: each attempt fails with {@code failure-probability}; the call is retried
     * after {@code backoff}, then {@code backoff x backoff-multiplier}, ..., up to {@code max-attempts}.
     *
     * @param failureProbability per attempt, in [0, 1]; default 0
     * @param maxAttempts attempts in all, 1 to 1000; default 3
     * @param backoff wait before the first retry; default 1s
     * @param backoffMultiplier growth of the wait per retry, 1 to 100; default 2
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolFaultsSpec(@JsonProperty("failure-probability") Double failureProbability,
                                 @JsonProperty("max-attempts") Integer maxAttempts,
                                 @JsonProperty("backoff") DurationValue backoff,
                                 @JsonProperty("backoff-multiplier") Double backoffMultiplier) {}

    /** Checks every key against a cluster of {@code engines} engines; throws {@link FieldError} naming the first bad one. */
    public FaultPlan resolve(int engines) {
        List<FaultPlan.Crash> fixed = new ArrayList<>();
        if (crashes != null) {
            for (int i = 0; i < crashes.size(); i++) {
                String at = "faults.crashes[" + i + "]";
                CrashSpec c = crashes.get(i);
                if (c == null) {
                    throw new FieldError(at, "expected {engine: 0, at: 30s, down: 10s}, got nothing");
                }
                if (c.engine() == null || c.engine() < 0 || c.engine() >= engines) {
                    throw new FieldError(at + ".engine", "expected an engine index from 0 to " + (engines - 1)
                            + " (the cluster has " + engines + "), got " + c.engine());
                }
                if (c.at() == null) {
                    throw new FieldError(at + ".at", "expected the crash time, a duration like 30s");
                }
                if (c.down() == null || c.down().nanos() <= 0) {
                    throw new FieldError(at + ".down", "expected how long the engine stays down, a duration > 0 like 10s, got " + c.down());
                }
                fixed.add(new FaultPlan.Crash(c.engine(), c.at().nanos(), c.down().nanos()));
            }
        }
        long mtbfNanos = 0;
        long mttrNanos = 0;
        if (mtbf != null) {
            if (mtbf.nanos() <= 0) {
                throw new FieldError("faults.mtbf", "expected a mean time between failures > 0, got " + mtbf);
            }
            if (mttr == null || mttr.nanos() <= 0) {
                throw new FieldError("faults.mttr", "expected a mean time to repair > 0 with mtbf, got " + mttr);
            }
            mtbfNanos = mtbf.nanos();
            mttrNanos = mttr.nanos();
        } else if (mttr != null) {
            throw new FieldError("faults.mttr", "mttr needs mtbf (random crashes); for fixed crashes give each a 'down'");
        }
        boolean redispatch = choose("faults.on-crash", onCrash, "redispatch", "wait");
        boolean lost = choose("faults.host-swap", hostSwap, "lost", "kept");
        int losses = llmMaxLosses == null ? 0 : llmMaxLosses;
        if (losses < 0 || losses > MAX_ATTEMPTS) {
            throw new FieldError("faults.llm-max-losses", "expected 0 (never fail) to " + MAX_ATTEMPTS + ", got " + losses);
        }
        ToolFaultsSpec t = tools == null ? new ToolFaultsSpec(null, null, null, null) : tools;
        double p = t.failureProbability() == null ? 0 : t.failureProbability();
        if (!(p >= 0 && p <= 1)) {
            throw new FieldError("faults.tools.failure-probability", "expected a probability from 0 to 1, got " + p);
        }
        int attempts = t.maxAttempts() == null ? 3 : t.maxAttempts();
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new FieldError("faults.tools.max-attempts", "expected 1 to " + MAX_ATTEMPTS + ", got " + attempts);
        }
        long backoff = t.backoff() == null ? 1_000_000_000L : t.backoff().nanos();
        double mult = t.backoffMultiplier() == null ? 2 : t.backoffMultiplier();
        if (!(mult >= 1 && mult <= 100)) {
            throw new FieldError("faults.tools.backoff-multiplier", "expected a number from 1 to 100, got " + mult);
        }
        return new FaultPlan(fixed, mtbfNanos, mttrNanos, redispatch, !lost, losses, p, attempts, backoff, mult);
    }

    /** true for {@code first} (also when absent), false for {@code second}. */
    private static boolean choose(String path, String value, String first, String second) {
        if (value == null || value.equals(first)) {
            return true;
        }
        if (value.equals(second)) {
            return false;
        }
        throw new FieldError(path, "expected " + first + " or " + second + ", got '" + value + "'");
    }

    /** The section with every default explicit, as {@code spec.yaml} writes it. */
    public FaultsSpec written(FaultPlan p) {
        List<CrashSpec> cs = p.crashes().isEmpty() ? null : p.crashes().stream()
                .map(c -> new CrashSpec(c.engine(), new DurationValue(c.atNanos()), new DurationValue(c.downNanos()))).toList();
        return new FaultsSpec(cs, p.mtbfNanos() == 0 ? null : new DurationValue(p.mtbfNanos()),
                p.mtbfNanos() == 0 ? null : new DurationValue(p.mttrNanos()), p.redispatch() ? "redispatch" : "wait",
                p.keepHostSwap() ? "kept" : "lost", p.llmMaxLosses(), new ToolFaultsSpec(p.toolFailureProbability(),
                p.toolMaxAttempts(), new DurationValue(p.toolBackoffNanos()), p.toolBackoffMultiplier()));
    }
}
